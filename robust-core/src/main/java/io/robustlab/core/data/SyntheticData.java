package io.robustlab.core.data;

import io.robustlab.contracts.spec.DatasetSpec;
import java.util.SplittableRandom;

/**
 * The two binary classification models of Chen, Min, Zhang and Karbasi (2020), "More data can expand
 * the generalization gap between adversarially robust and standard models" (ICML 2020). Labels
 * y = ±1 are uniform and become classes 1 (y = +1) and 0 (y = −1); examples have shape {@code [d]}.
 * <ul>
 *   <li>{@code gaussian}: x | y ~ N(y·mu·1, sigma²·I_d).</li>
 *   <li>{@code bernoulli}: theta ∈ {−1,+1}^d is drawn once from the seed; x_i = y·theta_i with
 *       probability (1+tau)/2, else −y·theta_i.</li>
 * </ul>
 * Features are not clipped to [0,1]: these are points in R^d, and attacks on them work in R^d.
 * Both splits come from the same distribution, drawn from two streams split off {@code new SplittableRandom(seed)}
 * (after theta, for {@code bernoulli}); trainSize and testSize are the sample counts n.
 */
final class SyntheticData {

    static final int CLASSES = 2;

    private SyntheticData() {
    }

    /** Draws {@code n} labelled examples. */
    private interface Model {
        ExampleSet sample(int n, SplittableRandom random);
    }

    static Dataset generate(DatasetSpec spec) {
        int trainSize = positive(spec.trainSize(), "trainSize");
        int testSize = positive(spec.testSize(), "testSize");
        int dimension = positive(spec.dimension(), "dimension");
        if ((long) Math.max(trainSize, testSize) * dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("trainSize or testSize times dimension exceeds the "
                    + (Integer.MAX_VALUE - 8) + " features one array can hold");
        }
        SplittableRandom root = new SplittableRandom(spec.seed() == null ? 0 : spec.seed());
        Model model = switch (spec.name()) {
            case "gaussian" -> new GaussianModel(dimension, finite(spec.mu(), "mu"), sigma(spec.sigma()));
            case "bernoulli" -> BernoulliModel.draw(dimension, tau(spec.tau()), root);
            default -> throw new IllegalArgumentException("not a synthetic dataset: " + spec.name());
        };
        return new Dataset(spec.name(), model.sample(trainSize, root.split()), model.sample(testSize, root.split()));
    }

    private record GaussianModel(int dimension, double mu, double sigma) implements Model {
        @Override
        public ExampleSet sample(int n, SplittableRandom random) {
            float[] x = new float[n * dimension];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextBoolean() ? 1 : 0;
                double mean = (2 * labels[i] - 1) * mu;
                for (int j = 0; j < dimension; j++) {
                    x[i * dimension + j] = (float) (mean + sigma * random.nextGaussian());
                }
            }
            return new ExampleSet(x, labels, new long[] {dimension}, CLASSES);
        }
    }

    private record BernoulliModel(int[] theta, double tau) implements Model {
        static BernoulliModel draw(int dimension, double tau, SplittableRandom random) {
            int[] theta = new int[dimension];
            for (int j = 0; j < dimension; j++) {
                theta[j] = random.nextBoolean() ? 1 : -1;
            }
            return new BernoulliModel(theta, tau);
        }

        @Override
        public ExampleSet sample(int n, SplittableRandom random) {
            int d = theta.length;
            double agree = (1 + tau) / 2;
            float[] x = new float[n * d];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextBoolean() ? 1 : 0;
                int y = 2 * labels[i] - 1;
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = random.nextDouble() < agree ? y * theta[j] : -y * theta[j];
                }
            }
            return new ExampleSet(x, labels, new long[] {d}, CLASSES);
        }
    }

    private static int positive(Integer value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required for synthetic datasets");
        }
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, was " + value);
        }
        return value;
    }

    private static double finite(Double value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required for the gaussian dataset");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    private static double sigma(Double sigma) {
        if (finite(sigma, "sigma") < 0) {
            throw new IllegalArgumentException("sigma must not be negative, was " + sigma);
        }
        return sigma;
    }

    private static double tau(Double tau) {
        if (tau == null) {
            throw new IllegalArgumentException("tau is required for the bernoulli dataset");
        }
        if (!(tau >= -1 && tau <= 1)) {
            throw new IllegalArgumentException("tau must be in [-1, 1] so that (1+tau)/2 is a probability, was " + tau);
        }
        return tau;
    }
}
