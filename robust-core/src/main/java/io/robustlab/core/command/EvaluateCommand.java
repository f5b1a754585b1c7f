package io.robustlab.core.command;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.ModelReference;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.DatasetNotFoundException;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.EvaluationJson;
import io.robustlab.core.evaluation.EvaluationListener;
import io.robustlab.core.evaluation.EvaluationResult;
import io.robustlab.core.evaluation.EvaluationRun;
import io.robustlab.core.evaluation.EvaluationSamples;
import io.robustlab.core.evaluation.EvaluationWarning;
import io.robustlab.core.evaluation.RobustnessCurve;
import io.robustlab.core.evaluation.WeightNoiseRow;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.SavedModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Evaluates a saved model as an {@code Evaluate} spec says, into an output folder: {@code spec.json} (the spec with
 * its defaults) and {@code result.json} (curves, bitsets, tables, warnings, timings; see the robust-core README), and
 * prints a short table. The spec's model must be a {@code path} (relative to the current directory); train jobs and
 * artifacts need the platform.
 *
 * <pre>{@code java … io.robustlab.core.command.EvaluateCommand examples/evaluate-quick.json runs/mlp-eval}</pre>
 */
public final class EvaluateCommand {

    /** Exit codes a script can act on (those of {@link TrainCommand} where they mean the same). */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int INVALID_SPEC = 3;
    static final int DATA_MISSING = 4;
    static final int MODEL_UNAVAILABLE = 6;
    static final int ATTACK_UNAVAILABLE = 7;

    static final String SPEC_FILE = "spec.json";
    static final String RESULT_FILE = "result.json";

    private final DataLocations dataLocations;
    private final PrintStream out;

    EvaluateCommand(DataLocations dataLocations, PrintStream out) {
        this.dataLocations = dataLocations;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: EvaluateCommand <evaluate-spec.json> <output-folder>");
            System.exit(USAGE);
        }
        System.exit(new EvaluateCommand(DataLocations.fromEnvironment(), System.out)
                .run(Path.of(args[0]), Path.of(args[1])));
    }

    /** Runs the spec at {@code specFile} into {@code outputFolder}; returns the process exit code. */
    int run(Path specFile, Path outputFolder) {
        EvaluateSpec spec;
        try {
            spec = SpecFile.read(specFile, EvaluateSpec.class, out, USAGE, INVALID_SPEC);
        } catch (SpecFile.Unusable e) {
            return e.exitCode();
        }
        ModelReference model = spec.model();
        if (model.path() == null) {
            out.println("model." + (model.trainJob() != null ? "trainJob" : "artifact") + " needs the platform "
                    + "(the attack worker resolves it); this command evaluates a model folder: give model.path");
            return MODEL_UNAVAILABLE;
        }
        Path modelFolder = Path.of(model.path());
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network;
            try {
                network = SavedModel.load(modelFolder, manager);
            } catch (IOException | RuntimeException e) {
                out.println("cannot load the model in " + modelFolder.toAbsolutePath() + ": " + e.getMessage());
                return MODEL_UNAVAILABLE;
            }
            ExampleSet samples = EvaluationSamples.load(spec, dataLocations);
            Files.createDirectories(outputFolder);
            Files.writeString(outputFolder.resolve(SPEC_FILE), SpecCodec.toJson(spec));
            out.printf(Locale.ROOT, "evaluating %s on %d %s samples of %s, spec %s%n", network, samples.size(),
                    spec.split(), spec.dataset().name(), SpecCodec.specHash(spec).substring(0, 12));
            EvaluationResult result = EvaluationRun.run(spec, network, samples, EvaluationListener.NONE,
                    () -> false);
            EvaluationJson.write(result, outputFolder.resolve(RESULT_FILE));
            print(result);
            out.println("result in " + outputFolder.resolve(RESULT_FILE));
            return OK;
        } catch (DatasetNotFoundException e) {
            out.println(e.getMessage());
            return DATA_MISSING;
        } catch (UnsupportedOperationException e) {
            out.println("cannot run this spec yet: " + e.getMessage());
            return ATTACK_UNAVAILABLE;
        } catch (IOException e) {
            out.println("cannot write to " + outputFolder + ": " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("evaluation failed: " + e.getMessage());
            return FAILED;
        }
    }

    private void print(EvaluationResult result) {
        out.printf(Locale.ROOT, "clean accuracy %.4f on %d samples%n", result.cleanAccuracy(), result.samples());
        double[] epsilons = result.epsilons();
        if (epsilons.length > 0) {
            TreeSet<Integer> shown = new TreeSet<>();
            for (int i = 0; i < 5; i++) {
                shown.add((int) Math.round(i * (epsilons.length - 1) / 4.0));
            }
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-40s", "robust accuracy at ε"));
            shown.forEach(k -> header.append(String.format(Locale.ROOT, " %8s", format(epsilons[k]))));
            out.println(header);
            for (RobustnessCurve curve : concat(result)) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-40s", curve.label()));
                shown.forEach(k -> row.append(String.format(Locale.ROOT, " %8.4f", curve.robustAccuracy()[k])));
                out.println(row);
            }
        }
        if (result.corruptions() != null) {
            out.printf(Locale.ROOT, "corruptions: mean accuracy %.4f over %d (corruption, severity)%n",
                    result.corruptions().meanAccuracy(), result.corruptions().rows().size());
        }
        for (WeightNoiseRow row : result.weightNoise()) {
            out.printf(Locale.ROOT, "weight noise σ=%s: accuracy %.4f ± %.4f over %d draws%n", format(row.sigma()),
                    row.meanAccuracy(), row.stdAccuracy(), row.accuracies().length);
        }
        for (EvaluationWarning warning : result.warnings()) {
            out.println("WARNING " + warning.code() + ": " + warning.message());
        }
        out.printf(Locale.ROOT, "%.1f s, %.1f forward+backward passes per sample (%.1f by the specs, without early "
                + "exit)%n", result.timings().totalSeconds(), result.timings().measuredPassesPerSample(),
                result.timings().attackPassesPerSample());
    }

    private static java.util.List<RobustnessCurve> concat(EvaluationResult result) {
        java.util.List<RobustnessCurve> all = new java.util.ArrayList<>(result.curves());
        all.addAll(result.worstCases());
        return all;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("\\.?0+($|e)", "$1");
    }
}
