package io.robustlab.bench;

import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.core.corruption.Corruption;
import io.robustlab.core.corruption.Corruptions;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.data.ExampleSet;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long each corruption takes on the 10,000 Fashion-MNIST test images at severity 5 (the costliest), after a
 * warm-up on 500 of them. Usage: {@code bench/run CorruptionThroughput}.
 */
public final class CorruptionThroughput {

    public static void main(String[] args) {
        ExampleSet test = Datasets.load(new DatasetSpec("fashion-mnist", null, null, null, null, null, null, null,
                null).withDefaults(), DataLocations.fromEnvironment()).test();
        int[] first = new int[500];
        Arrays.setAll(first, i -> i);
        ExampleSet warmUp = test.select(first);
        System.out.printf(Locale.ROOT, "corrupting %,d Fashion-MNIST test images (28x28) at severity 5, %d cores%n",
                test.size(), Runtime.getRuntime().availableProcessors());
        for (Corruption corruption : Corruptions.all()) {
            corruption.apply(warmUp, 5, 1L);
            long start = System.nanoTime();
            corruption.apply(test, 5, 1L);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  %-18s %7.0f ms  %,10.0f images/s%n", corruption.name(), seconds * 1e3,
                    test.size() / seconds);
        }
    }
}
