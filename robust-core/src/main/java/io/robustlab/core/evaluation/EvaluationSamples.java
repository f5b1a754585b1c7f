package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.data.ExampleSet;
import java.util.Arrays;

/** The samples an Evaluate spec measures: {@code samples} examples of its split, chosen with its seed. */
public final class EvaluationSamples {

    private EvaluationSamples() {
    }

    /**
     * Loads them. A real dataset's split is subset by the data package's own seeded draw (the one Train specs use
     * for trainSize and testSize) with the Evaluate spec's seed, so the same spec always measures the same
     * examples. A synthetic dataset is drawn as its own seed says, at its default sizes, and its first
     * {@code samples} examples are taken (they are independent draws already).
     *
     * @throws io.robustlab.core.data.DatasetNotFoundException its files are not installed
     */
    public static ExampleSet load(EvaluateSpec spec, DataLocations locations) {
        EvaluateSpec filled = spec.withDefaults();
        DatasetSpec data = filled.dataset();
        boolean train = "train".equals(filled.split());
        int samples = filled.samples();
        boolean synthetic = data.name().equals("gaussian") || data.name().equals("bernoulli");
        if (synthetic) {
            Dataset drawn = Datasets.load(data.withDefaults(), locations);
            ExampleSet split = train ? drawn.train() : drawn.test();
            if (samples > split.size()) {
                throw new IllegalArgumentException("samples " + samples + " exceeds the " + split.size()
                        + " examples of the " + filled.split() + " split");
            }
            int[] first = new int[samples];
            Arrays.setAll(first, i -> i);
            return split.select(first);
        }
        Dataset subset = Datasets.load(new DatasetSpec(data.name(), train ? samples : 1, train ? 1 : samples,
                filled.seed(), data.task(), data.dimension(), data.mu(), data.sigma(), data.tau()), locations);
        return train ? subset.train() : subset.test();
    }
}
