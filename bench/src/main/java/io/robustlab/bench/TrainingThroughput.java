package io.robustlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.Optimizer;
import io.robustlab.core.train.TrainingRun;
import io.robustlab.core.train.TrainingStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput of MLP 784-1024-1024-10 at batch 100 on Fashion-MNIST with SGD (momentum 0.9) and with
 * Adam, against the rate of the plain matrix products of the same step on the same engine.
 *
 * <p>Like is compared with like: every figure is an average over as many batches as one epoch of
 * {@code trainSize} examples has. Per optimizer, a whole epoch through {@link TrainingRun} (its training pass:
 * batching, shuffling, step, loss check) and the same number of steps alone ({@link TrainingStep} on one batch that
 * stays in memory); then the same number of the step's plain matrix products. The difference between an epoch's
 * time per batch and the step's is the training loop's own overhead per batch. After a warm-up round the rounds
 * are repeated, and the median round of each figure is reported.
 *
 * <p>Usage: {@code bench/run TrainingThroughput [trainSize (20000)] [rounds (3)]}.
 */
public final class TrainingThroughput {

    private static final int BATCH = 100;
    private static final int[] WIDTHS = {784, 1024, 1024, 10};
    private static final String SGD = """
            {"name": "sgd", "learningRate": 0.05, "momentum": 0.9}""";
    private static final String ADAM = """
            {"name": "adam", "learningRate": 0.001}""";

    public static void main(String[] args) throws Exception {
        int trainSize = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Dataset data = Datasets.load(new DatasetSpec("fashion-mnist", trainSize, 1000, 0L, null, null, null, null,
                null).withDefaults(), DataLocations.fromEnvironment());
        int batches = Math.ceilDiv(trainSize, BATCH);
        System.out.println(Machine.describe());

        // seconds per batch: [round][SGD epoch, SGD step, Adam epoch, Adam step, matmul]
        double[][] perBatch = new double[rounds][];
        double stepFlops;
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            NDArray inputs = manager.randomUniform(0, 1, new Shape(BATCH, 784));
            NDArray labels = manager.randomInteger(0, 10, new Shape(BATCH), DataType.INT64);
            MatmulRate matmul = new MatmulRate(WIDTHS, BATCH, manager);
            stepFlops = matmul.stepFlops();
            Runnable sgdStep = stepper(manager, SGD, inputs, labels);
            Runnable adamStep = stepper(manager, ADAM, inputs, labels);
            for (int round = -1; round < rounds; round++) { // round -1 warms up
                double[] times = {
                    1 / epochRate(data, SGD), timed(sgdStep, batches) / BATCH,
                    1 / epochRate(data, ADAM), timed(adamStep, batches) / BATCH,
                    timed(matmul::runStep, batches) / BATCH};
                if (round >= 0) {
                    perBatch[round] = times;
                }
            }
        }
        double[] median = new double[5];
        for (int kind = 0; kind < median.length; kind++) {
            int k = kind;
            median[kind] = AttackStepRates.median(Arrays.stream(perBatch).mapToDouble(t -> t[k])
                    .toArray()) * BATCH;
        }
        double sgdEpoch = median[0];
        double sgdStep = median[1];
        double adamEpoch = median[2];
        double adamStep = median[3];
        double matmulStep = median[4];

        System.out.printf(Locale.ROOT, "MLP 784-1024-1024-10, batch %d, Fashion-MNIST, %d examples/epoch = %d batches;"
                + " each figure the average over %d batches, median of %d rounds after a warm-up%n", BATCH,
                trainSize, batches, batches, rounds);
        print("step FLOPs (matrix products)", String.format(Locale.ROOT, "%.3f GFLOP", stepFlops / 1e9));
        System.out.printf(Locale.ROOT, "%-30s %-44s %-44s %s%n", "", "epoch (TrainingRun's training pass)",
                "step alone (one resident batch)", "loop overhead per batch");
        row("SGD", sgdEpoch, sgdStep, stepFlops);
        row("Adam", adamEpoch, adamStep, stepFlops);
        print("plain matmul, same shapes", String.format(Locale.ROOT, "%.2f ms/batch = %.1f GFLOP/s",
                matmulStep * 1e3, stepFlops / matmulStep / 1e9));
        System.out.println("ratios (step alone; whole epochs):");
        print("  SGD step / matmul rate", String.format(Locale.ROOT, "%.2f; %.2f   (target >= 0.60)",
                matmulStep / sgdStep, matmulStep / sgdEpoch));
        print("  Adam / SGD step time", String.format(Locale.ROOT, "%.2f; %.2f   (target <= 1.30)",
                adamStep / sgdStep, adamEpoch / sgdEpoch));
        System.out.println("load average at the end " + Machine.loadAverage());
    }

    private static void row(String what, double epochSeconds, double stepSeconds, double stepFlops) {
        System.out.printf(Locale.ROOT, "%-30s %-44s %-44s %.2f ms (%.0f%% of the epoch)%n", what,
                rate(epochSeconds, stepFlops), rate(stepSeconds, stepFlops), (epochSeconds - stepSeconds) * 1e3,
                100 * (epochSeconds - stepSeconds) / epochSeconds);
    }

    private static String rate(double secondsPerBatch, double stepFlops) {
        return String.format(Locale.ROOT, "%6.2f ms %,7.0f samples/s %5.1f GFLOP/s", secondsPerBatch * 1e3,
                BATCH / secondsPerBatch, stepFlops / secondsPerBatch / 1e9);
    }

    /** Seconds per call of {@code work}, averaged over {@code times} calls. */
    private static double timed(Runnable work, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            work.run();
        }
        return (System.nanoTime() - start) / 1e9 / times;
    }

    private static Runnable stepper(NDManager manager, String optimizerJson, NDArray inputs, NDArray labels) {
        TrainSpec spec = (TrainSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "fashion-mnist"},
                 "model": {"architecture": "mlp", "hidden": [1024, 1024]}, "optimizer": %s}
                """.formatted(optimizerJson));
        Network network = Network.build(spec.model(), new long[] {1, 28, 28}, 10, manager);
        network.initialize(new SplittableRandom(1));
        TrainingStep step = new TrainingStep(network, Optimizer.of(spec.optimizer(), network.parameterArrays(),
                manager));
        return () -> {
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = inputs.reshape(BATCH, 1, 28, 28); // a view in the batch's manager: so is all the step makes
                x.attach(batch);
                step.run(x, labels, 0.01);
            }
        };
    }

    /** Training samples/s of one epoch's training pass through {@link TrainingRun}. */
    private static double epochRate(Dataset data, String optimizer) throws Exception {
        TrainSpec spec = (TrainSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "dataset": {"name": "fashion-mnist", "trainSize": %d, "testSize": %d},
                 "model": {"architecture": "mlp", "hidden": [1024, 1024]},
                 "optimizer": %s, "epochs": 1, "batchSize": %d, "seed": 1}
                """.formatted(data.train().size(), data.test().size(), optimizer, BATCH));
        Path workDir = Files.createTempDirectory("bench-train-");
        try {
            return TrainingRun.run(spec, data, workDir, EpochListener.NONE).epochs().getFirst().samplesPerSecond();
        } finally {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path folder) throws Exception {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void print(String what, String value) {
        System.out.printf(Locale.ROOT, "%-30s %s%n", what, value);
    }
}
