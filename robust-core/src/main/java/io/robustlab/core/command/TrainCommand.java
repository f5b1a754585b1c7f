package io.robustlab.core.command;

import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.DatasetNotFoundException;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.train.EpochMetrics;
import io.robustlab.core.train.TrainingDivergedException;
import io.robustlab.core.train.TrainingResult;
import io.robustlab.core.train.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains a model from a {@code Train} spec file into an output folder: {@code spec.json} (the spec with its
 * defaults), {@code metrics.json} (per-epoch metrics, parameter count, spec hash), {@code model/} and
 * {@code checkpoints/}. Run again on the same folder, it resumes after the newest checkpoint.
 *
 * <pre>{@code ./robustlab train examples/train-mlp-fashion-mnist.json runs/mlp}</pre>
 */
public final class TrainCommand {

    /** Exit codes a script can act on. */
    static final int OK = 0;
    static final int USAGE = 2;
    static final int INVALID_SPEC = 3;
    static final int DATA_MISSING = 4;
    static final int DIVERGED = 5;

    static final String SPEC_FILE = "spec.json";
    static final String METRICS_FILE = "metrics.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final DataLocations dataLocations;
    private final PrintStream out;

    TrainCommand(DataLocations dataLocations, PrintStream out) {
        this.dataLocations = dataLocations;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TrainCommand <train-spec.json> <output-folder>");
            System.exit(USAGE);
        }
        System.exit(new TrainCommand(DataLocations.fromEnvironment(), System.out)
                .run(Path.of(args[0]), Path.of(args[1])));
    }

    /** Runs the spec at {@code specFile} into {@code outputFolder}; returns the process exit code. */
    int run(Path specFile, Path outputFolder) {
        TrainSpec spec;
        try {
            spec = SpecFile.read(specFile, TrainSpec.class, out, USAGE, INVALID_SPEC);
        } catch (SpecFile.Unusable e) {
            return e.exitCode();
        }
        try {
            Dataset data = Datasets.load(spec.dataset(), dataLocations);
            Files.createDirectories(outputFolder);
            Files.writeString(outputFolder.resolve(SPEC_FILE), SpecCodec.toJson(spec));
            out.printf(Locale.ROOT, "training %s on %s (%d train, %d test examples), spec %s%n",
                    spec.model().architecture(), data.name(), data.train().size(), data.test().size(),
                    SpecCodec.specHash(spec).substring(0, 12));
            TrainingResult result = TrainingRun.run(spec, data, outputFolder, this::print);
            writeMetrics(spec, result, outputFolder.resolve(METRICS_FILE));
            out.printf(Locale.ROOT, "done: test accuracy %.4f, %d parameters, model in %s%n",
                    result.lastEpoch().testAccuracy(), result.parameterCount(), result.modelFolder());
            return OK;
        } catch (DatasetNotFoundException e) {
            out.println(e.getMessage());
            return DATA_MISSING;
        } catch (TrainingDivergedException e) {
            out.println(e.getMessage());
            return DIVERGED;
        } catch (IOException e) {
            out.println("cannot write to " + outputFolder + ": " + e.getMessage());
            return USAGE;
        }
    }

    private void print(EpochMetrics m) {
        out.printf(Locale.ROOT,
                "epoch %3d  lr %.4g  train loss %.4f acc %.4f  test loss %.4f acc %.4f  %.1f s  %.0f samples/s%n",
                m.epoch(), m.learningRate(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(),
                m.seconds(), m.samplesPerSecond());
    }

    /** The content of {@code metrics.json}. */
    record MetricsFile(String specHash, long parameterCount, List<EpochMetrics> epochs) {
    }

    private static void writeMetrics(TrainSpec spec, TrainingResult result, Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), new MetricsFile(SpecCodec.specHash(spec), result.parameterCount(),
                result.epochs()));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
