package io.robustlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.EpochMetrics;
import io.robustlab.core.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput of MLP 784-1024-1024-10 at batch 100 on Fashion-MNIST with SGD (momentum 0.9) and with
 * Adam, against the rate of the plain matrix products of the same step on the same engine.
 *
 * <p>Each optimizer trains two epochs on {@code trainSize} examples (default 20000) through the public
 * {@link TrainingRun}; the second epoch's samples/s is reported (the first warms up allocators and JIT).
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

        MatmulRate matmul = new MatmulRate(WIDTHS, BATCH);
        double matmulGflops;
        try (NDManager manager = NDManager.newBaseManager()) {
            matmulGflops = matmul.measureGflops(manager, 5.0);
        }
        double sgdGflops = sgd / BATCH * matmul.stepFlops() / 1e9;
        double adamGflops = adam / BATCH * matmul.stepFlops() / 1e9;

        Engine engine = Engine.getInstance();
        print("engine", engine.getEngineName() + " " + engine.getVersion() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        print("model", "MLP 784-1024-1024-10, batch " + BATCH + ", Fashion-MNIST, " + trainSize + " examples/epoch");
        print("step FLOPs (matrix products)", String.format(Locale.ROOT, "%.3f GFLOP", matmul.stepFlops() / 1e9));
        print("SGD training", String.format(Locale.ROOT, "%,.0f samples/s  = %.1f effective GFLOP/s", sgd, sgdGflops));
        print("Adam training", String.format(Locale.ROOT, "%,.0f samples/s  = %.1f effective GFLOP/s", adam, adamGflops));
        print("plain matmul, same shapes", String.format(Locale.ROOT, "%.1f GFLOP/s", matmulGflops));
        print("SGD step / matmul rate", String.format(Locale.ROOT, "%.2f   (target >= 0.60)", sgdGflops / matmulGflops));
        print("Adam step time / SGD step time", String.format(Locale.ROOT, "%.2f   (target <= 1.30)", sgd / adam));
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
