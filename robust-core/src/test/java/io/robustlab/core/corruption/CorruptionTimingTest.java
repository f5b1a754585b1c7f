package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.core.data.ExampleSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Prints, never asserts, how long 10,000 28x28 images take per corruption at severity 5 (the costliest). */
class CorruptionTimingTest {

    @Test
    void printsTheTimeToCorruptTenThousandImages() {
        int n = 10_000;
        int d = TestImages.GRAY.size();
        float[] features = new float[n * d];
        for (int i = 0; i < 100; i++) {
            float[] scene = TestImages.scene(TestImages.GRAY, i);
            for (int copy = i; copy < n; copy += 100) {
                System.arraycopy(scene, 0, features, copy * d, d);
            }
        }
        var set = new ExampleSet(features, new int[n], new long[] {1, 28, 28}, 10);
        var warmUp = set.select(firstIndices(500));
        System.out.printf("corrupting %d images of 28x28 at severity 5 (%d cores):%n", n,
                Runtime.getRuntime().availableProcessors());
        for (Corruption corruption : Corruptions.all()) {
            corruption.apply(warmUp, 5, 1L);
            long start = System.nanoTime();
            ExampleSet out = corruption.apply(set, 5, 1L);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("  %-18s %6d ms%n", corruption.name(), millis);
            assertThat(out.size()).isEqualTo(n);
        }
    }

    private static int[] firstIndices(int count) {
        int[] indices = new int[count];
        Arrays.setAll(indices, i -> i);
        return indices;
    }
}
