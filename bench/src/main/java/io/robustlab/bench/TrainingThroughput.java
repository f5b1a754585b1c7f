package io.robustlab.bench;

import ai.djl.engine.Engine;
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
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.train.EpochMetrics;
import io.robustlab.core.train.Optimizer;
import io.robustlab.core.train.TrainingStep;
import io.robustlab.core.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput of MLP 784-1024-1024-10 at batch 100 on Fashion-MNIST with SGD (momentum 0.9) and with
 * Adam, against the rate of the plain matrix products of the same step on the same engine.
 *
 * <p>Two measures: whole epochs, each optimizer training two epochs on {@code trainSize} examples (default 20000)
 * through {@link TrainingRun} (the second epoch's samples/s is reported, the first warms up), and the step alone
 * ({@link TrainingStep} on one batch that stays in memory), interleaved with the step's plain matrix products.
 * Usage: {@code bench/run TrainingThroughput [trainSize]}.
 */
public final class TrainingThroughput {

    private static final int BATCH = 100;
    private static final int[] WIDTHS = {784, 1024, 1024, 10};

    public static void main(String[] args) throws Exception {
        int trainSize = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Dataset data = Datasets.load(new DatasetSpec("fashion-mnist", trainSize, 1000, 0L, null, null, null, null,
                null).withDefaults(), DataLocations.fromEnvironment());

        double sgd = samplesPerSecond(data, """
                {"name": "sgd", "learningRate": 0.05, "momentum": 0.9}""");
        double adam = samplesPerSecond(data, """
                {"name": "adam", "learningRate": 0.001}""");

        double[] step = stepTimes();
        double sgdStep = step[0];
        double adamStep = step[1];
        double matmulStep = step[2];
        double stepFlops = step[3];
        double matmulGflops = stepFlops / matmulStep / 1e9;

        Engine engine = Engine.getInstance();
        print("engine", engine.getEngineName() + " " + engine.getVersion() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        print("model", "MLP 784-1024-1024-10, batch " + BATCH + ", Fashion-MNIST, " + trainSize + " examples/epoch");
        print("step FLOPs (matrix products)", String.format(Locale.ROOT, "%.3f GFLOP", stepFlops / 1e9));
        System.out.println("whole epochs (TrainingRun: batching, step, loss check):");
        print("  SGD", rate(sgd, stepFlops));
        print("  Adam", rate(adam, stepFlops));
        System.out.println("the step alone (TrainingStep on one resident batch, best of 15 bursts of 20):");
        print("  SGD step", rate(BATCH / sgdStep, stepFlops));
        print("  Adam step", rate(BATCH / adamStep, stepFlops));
        print("  plain matmul, same shapes", String.format(Locale.ROOT, "%.1f GFLOP/s", matmulGflops));
        System.out.println("ratios:");
        print("  SGD step / matmul rate", String.format(Locale.ROOT, "%.2f   (target >= 0.60; whole epochs %.2f)",
                matmulStep / sgdStep, sgd / BATCH * stepFlops / 1e9 / matmulGflops));
        print("  Adam / SGD step time", String.format(Locale.ROOT, "%.2f   (target <= 1.30; whole epochs %.2f)",
                adamStep / sgdStep, sgd / adam));
    }

    private static String rate(double samplesPerSecond, double stepFlops) {
        return String.format(Locale.ROOT, "%,8.0f samples/s = %5.1f effective GFLOP/s", samplesPerSecond,
                samplesPerSecond / BATCH * stepFlops / 1e9);
    }

    /**
     * Seconds per SGD step, Adam step and the step's plain matrix products, and the products' FLOPs. Short bursts
     * of the three are interleaved and the best burst of each is kept, so other processes distort them alike.
     */
    private static double[] stepTimes() {
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            NDArray inputs = manager.randomUniform(0, 1, new Shape(BATCH, 784));
            NDArray labels = manager.randomInteger(0, 10, new Shape(BATCH), DataType.INT64);
            MatmulRate matmul = new MatmulRate(WIDTHS, BATCH, manager);
            Runnable[] kinds = {
                stepper(manager, """
                        {"name": "sgd", "learningRate": 0.01, "momentum": 0.9}""", inputs, labels),
                stepper(manager, """
                        {"name": "adam", "learningRate": 0.001}""", inputs, labels),
                matmul::runStep};
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, matmul.stepFlops()};
            for (int round = 0; round < 15; round++) {
                for (int kind = 0; kind < kinds.length; kind++) {
                    for (int i = 0; i < 3; i++) {
                        kinds[kind].run();
                    }
                    long start = System.nanoTime();
                    for (int i = 0; i < 20; i++) {
                        kinds[kind].run();
                    }
                    best[kind] = Math.min(best[kind], (System.nanoTime() - start) / 20e9);
                }
            }
            return best;
        }
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
                NDArray x = inputs.reshape(BATCH, 1, 28, 28);
                x.attach(batch);
                step.run(x, labels, 0.01);
            }
        };
    }

    private static double samplesPerSecond(Dataset data, String optimizer) throws Exception {
        TrainSpec spec = (TrainSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "dataset": {"name": "fashion-mnist", "trainSize": %d, "testSize": %d},
                 "model": {"architecture": "mlp", "hidden": [1024, 1024]},
                 "optimizer": %s, "epochs": 2, "batchSize": %d, "seed": 1}
                """.formatted(data.train().size(), data.test().size(), optimizer, BATCH));
        Path workDir = Files.createTempDirectory("bench-train-");
        try {
            List<EpochMetrics> epochs = TrainingRun.run(spec, data, workDir, EpochListener.NONE).epochs();
            return epochs.get(epochs.size() - 1).samplesPerSecond();
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
        System.out.printf(Locale.ROOT, "%-32s %s%n", what, value);
    }
}
