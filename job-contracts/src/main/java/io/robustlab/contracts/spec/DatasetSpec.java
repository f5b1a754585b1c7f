package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import io.robustlab.contracts.spec.SpecChecks.Range;

/**
 * Which data, and how much of it.
 *
 * <p>Defaults ({@link #withDefaults()}): seed 0; trainSize and testSize the whole split of a real dataset
 * (mnist, fashion-mnist, permuted-mnist: 60000 and 10000; cifar10: 50000 and 10000), so leaving them out
 * and writing the full size are the same spec with the same hash; synthetic datasets: trainSize 1000,
 * testSize 1000, dimension 10; gaussian mu 1.0, sigma 1.0; bernoulli tau 0.5; permuted-mnist task 0.
 * Fields that do not apply to the dataset stay null, and giving one is a violation.
 *
 * <p>Rules: sizes in [1, split size] (synthetic: at most 1000000); seed in [0, 2^53 − 1]; task ≥ 0;
 * dimension in [1, 1000000]; mu finite; sigma &gt; 0; tau in [0, 1].
 *
 * @param name      {@code mnist}, {@code fashion-mnist}, {@code permuted-mnist}, {@code cifar10},
 *                  {@code gaussian} or {@code bernoulli}
 * <p>In an Evaluate spec, which takes split and samples instead, trainSize and testSize do not apply, and seed
 * applies only to synthetic data ({@link #withEvaluationDefaults()}).
 *
 * @param trainSize examples drawn from the training split (default: all of it; synthetic: 1000)
 * @param testSize  examples drawn from the test split (default: all of it; synthetic: 1000)
 * @param seed      which subset is drawn, and the draw of synthetic data
 * @param task      permuted-mnist only: task k uses the fixed pixel permutation drawn from seed k
 * @param dimension synthetic only: d, the number of features
 * @param mu        gaussian only: every coordinate of the class mean (x|y ~ N(y·mu·1, sigma²·I), y = ±1)
 * @param sigma     gaussian only: the standard deviation
 * @param tau       bernoulli only: x_i = y·theta_i with probability (1+tau)/2, else −y·theta_i
 */
public record DatasetSpec(
        String name,
        Integer trainSize,
        Integer testSize,
        Long seed,
        Integer task,
        Integer dimension,
        Double mu,
        Double sigma,
        Double tau) {

    private static final int MAX_DIMENSION = 1_000_000;

    /** A copy with every default that applies to this dataset filled in; an unknown name gets only the seed. */
    public DatasetSpec withDefaults() {
        KnownDataset known = KnownDataset.named(name).orElse(null);
        if (known == null) {
            return new DatasetSpec(name, trainSize, testSize, requireNonNullElse(seed, 0L),
                    task, dimension, mu, sigma, tau);
        }
        boolean gaussian = known == KnownDataset.GAUSSIAN;
        boolean bernoulli = known == KnownDataset.BERNOULLI;
        return new DatasetSpec(
                name,
                requireNonNullElse(trainSize, known.defaultTrainSize()),
                requireNonNullElse(testSize, known.defaultTestSize()),
                requireNonNullElse(seed, 0L),
                known == KnownDataset.PERMUTED_MNIST ? requireNonNullElse(task, 0) : task,
                known.isSynthetic()
                        ? requireNonNullElse(dimension, KnownDataset.SyntheticSizes.DEFAULT_DIMENSION)
                        : dimension,
                gaussian ? requireNonNullElse(mu, 1.0) : mu,
                gaussian ? requireNonNullElse(sigma, 1.0) : sigma,
                bernoulli ? requireNonNullElse(tau, 0.5) : tau);
    }

    /**
     * A copy for an Evaluate spec, which chooses its examples by split, samples and its own seed rather than by
     * sizes and this seed: the defaults of this dataset filled in except trainSize and testSize, and the seed
     * only for a synthetic dataset, whose draw it is. What is given is kept, so that the rules can reject it.
     */
    DatasetSpec withEvaluationDefaults() {
        DatasetSpec filled = withDefaults();
        boolean synthetic = KnownDataset.named(name).map(KnownDataset::isSynthetic).orElse(false);
        return new DatasetSpec(name, trainSize, testSize, synthetic ? filled.seed : seed,
                filled.task, filled.dimension, filled.mu, filled.sigma, filled.tau);
    }

    /** Checks a spec whose defaults are filled in. */
    void check(SpecChecks checks) {
        checks.integerIn("seed", seed, 0, JobSpec.MAX_SEED);
        KnownDataset known = checkName(checks);
        if (known == null) {
            return;
        }
        checkSize(checks, "trainSize", trainSize, known.trainSplit());
        checkSize(checks, "testSize", testSize, known.testSplit());
        checkParameters(checks, known);
    }

    /** Checks the dataset of an Evaluate spec whose defaults are filled in ({@link #withEvaluationDefaults()}). */
    void checkForEvaluation(SpecChecks checks) {
        String sizes = "does not apply to an Evaluate spec: it takes split and samples";
        if (trainSize != null) {
            checks.add("trainSize", sizes);
        }
        if (testSize != null) {
            checks.add("testSize", sizes);
        }
        KnownDataset known = KnownDataset.named(name).orElse(null);
        if (known != null && !known.isSynthetic() && seed != null) {
            checks.add("seed", "applies only to datasets " + KnownDataset.SYNTHETIC_NAMES
                    + " in an Evaluate spec: the spec's own seed chooses the samples");
        } else {
            checks.integerIn("seed", seed, 0, JobSpec.MAX_SEED);
        }
        known = checkName(checks);
        if (known != null) {
            checkParameters(checks, known);
        }
    }

    /** The dataset this spec names, or null (and a violation) if it names none. */
    private KnownDataset checkName(SpecChecks checks) {
        if (!checks.required("name", name) || !checks.oneOf("name", name, KnownDataset.NAMES)) {
            return null;
        }
        return KnownDataset.named(name).orElseThrow();
    }

    /** The fields that describe the data itself, the same whether it is trained on or evaluated on. */
    private void checkParameters(SpecChecks checks, KnownDataset known) {
        if (known == KnownDataset.PERMUTED_MNIST) {
            checks.integerIn("task", task, 0, Integer.MAX_VALUE);
        } else {
            checks.onlyFor("task", task, "dataset permuted-mnist");
        }
        if (known.isSynthetic()) {
            checks.integerIn("dimension", dimension, 1, MAX_DIMENSION);
        } else {
            checks.onlyFor("dimension", dimension, "datasets " + KnownDataset.SYNTHETIC_NAMES);
        }
        if (known == KnownDataset.GAUSSIAN) {
            checks.finite("mu", mu);
            checks.in("sigma", sigma, Range.above(0));
        } else {
            checks.onlyFor("mu", mu, "dataset gaussian");
            checks.onlyFor("sigma", sigma, "dataset gaussian");
        }
        if (known == KnownDataset.BERNOULLI) {
            checks.in("tau", tau, Range.closed(0, 1));
        } else {
            checks.onlyFor("tau", tau, "dataset bernoulli");
        }
    }

    private void checkSize(SpecChecks checks, String field, Integer size, int split) {
        if (checks.integerIn(field, size, 1, Integer.MAX_VALUE) && size > split) {
            checks.add(field, "must be <= " + split + " for " + name);
        }
    }
}
