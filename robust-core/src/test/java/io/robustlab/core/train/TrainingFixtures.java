package io.robustlab.core.train;

import io.robustlab.contracts.spec.ActivationSpec;
import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.contracts.spec.LearningRateSchedule;
import io.robustlab.contracts.spec.ModelSpec;
import io.robustlab.contracts.spec.OptimizerSpec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.contracts.spec.TrainingMethodSpec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.ExampleSet;

import java.util.List;
import java.util.SplittableRandom;

/** Complete specs (every default written out) and small learnable data sets for tests. */
public final class TrainingFixtures {

    public static final ActivationSpec RELU = new ActivationSpec("relu", null, null, null, null);
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule("constant", null, null, null);
    public static final TrainingMethodSpec STANDARD =
            new TrainingMethodSpec("standard", null, null, null, null, null, null);

    private TrainingFixtures() {
    }

    public static ModelSpec mlp(Integer... hidden) {
        return new ModelSpec("mlp", List.of(hidden), null, null, RELU, "softmax-cross-entropy");
    }

    public static OptimizerSpec sgd(double learningRate, double momentum, double weightDecay,
            LearningRateSchedule schedule) {
        return new OptimizerSpec("sgd", learningRate, momentum, weightDecay, null, null, null, schedule);
    }

    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec("adam", learningRate, null, 0.0, 0.9, 0.999, 1e-8, CONSTANT);
    }

    public static TrainingMethodSpec pgd(double epsilon, int steps, double mixRatio) {
        return new TrainingMethodSpec("adversarial", "pgd", epsilon, steps, 2.5 * epsilon / steps, true, mixRatio);
    }

    public static TrainSpec spec(ModelSpec model, OptimizerSpec optimizer, TrainingMethodSpec method, int epochs,
            int batchSize, long seed) {
        return spec(new DatasetSpec("gaussian", 600, 300, 0L, null, 20, null, null, null), model, optimizer, method,
                epochs, batchSize, seed);
    }

    /** How many batches an epoch of {@code spec} over {@code data} has. */
    public static int batchesPerEpoch(Dataset data, TrainSpec spec) {
        return (data.train().size() + spec.batchSize() - 1) / spec.batchSize();
    }

    /** A spec naming {@code dataset}: it must be valid for the model, since its hash identifies the work. */
    public static TrainSpec spec(DatasetSpec dataset, ModelSpec model, OptimizerSpec optimizer,
            TrainingMethodSpec method, int epochs, int batchSize, long seed) {
        return new TrainSpec("robustlab/v1", TrainSpec.KIND, null, dataset, model, optimizer, method, epochs,
                batchSize, seed);
    }

    /**
     * Gaussian blobs in [0,1]^d: each class has a mean drawn uniformly in [0.25, 0.75]^d, examples add N(0, σ²)
     * noise and are clipped to [0,1]. With σ = 0.1 and d = 20 the classes are nearly separable.
     */
    public static Dataset blobs(int train, int test, int dimension, int classes, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] means = new float[classes][dimension];
        for (float[] mean : means) {
            for (int j = 0; j < dimension; j++) {
                mean[j] = (float) (0.25 + 0.5 * random.nextDouble());
            }
        }
        return new Dataset("blobs", sample(train, means, sigma, random), sample(test, means, sigma, random));
    }

    /**
     * Tiny images of {@code shape} [c, h, w] in [0,1]: class k (of 4) lights up quadrant k on a noisy background.
     */
    public static Dataset quadrants(int train, int test, long[] shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Dataset("quadrants", quadrantImages(train, shape, random), quadrantImages(test, shape, random));
    }

    private static ExampleSet quadrantImages(int n, long[] shape, SplittableRandom random) {
        int channels = (int) shape[0];
        int height = (int) shape[1];
        int width = (int) shape[2];
        int size = channels * height * width;
        float[] features = new float[n * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(4);
            int rowStart = labels[i] / 2 * height / 2;
            int columnStart = labels[i] % 2 * width / 2;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        boolean lit = y >= rowStart && y < rowStart + height / 2 && x >= columnStart
                                && x < columnStart + width / 2;
                        features[i * size + (c * height + y) * width + x] =
                                (float) ((lit ? 0.6 : 0.1) + 0.3 * random.nextDouble());
                    }
                }
            }
        }
        return new ExampleSet(features, labels, shape, 4);
    }

    private static ExampleSet sample(int n, float[][] means, double sigma, SplittableRandom random) {
        int d = means[0].length;
        float[] features = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(means.length);
            for (int j = 0; j < d; j++) {
                double value = means[labels[i]][j] + sigma * gaussian(random);
                features[i * d + j] = (float) Math.min(1, Math.max(0, value));
            }
        }
        return new ExampleSet(features, labels, new long[] {d}, means.length);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
