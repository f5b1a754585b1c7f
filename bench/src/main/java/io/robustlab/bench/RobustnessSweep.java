package io.robustlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.attack.Attack;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.FixedBudgetAttacks;
import io.robustlab.core.attack.MinimumNormAttacks;
import io.robustlab.core.attack.PgdAttack;
import io.robustlab.core.attack.StopRule;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.AttackCost;
import io.robustlab.core.evaluation.EvaluationListener;
import io.robustlab.core.evaluation.EvaluationOptions;
import io.robustlab.core.evaluation.EvaluationResult;
import io.robustlab.core.evaluation.EvaluationRun;
import io.robustlab.core.evaluation.EvaluationSamples;
import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.model.SavedModel;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The cost of a robustness sweep on MLP 784-1024-1024-10 (trained one epoch on Fashion-MNIST, or loaded from a
 * model folder) over Fashion-MNIST test samples: the plain forward+backward rate, PGD-20's rate and its step cost
 * relative to the plain pass (target ≤ 1.2), and the {@code foolbox-sweep} preset's wall time and forward+backward
 * passes per sample, measured ({@code AttackWork}) and by the specs, in three configurations: (i) nested-epsilon
 * reuse and early exit (the default), (ii) early exit only, (iii) neither. Attacks of the preset that are not implemented yet
 * are left out with a note.
 *
 * <p>Usage: {@code bench/run RobustnessSweep [samples (1000)] [trainSize (60000) | model folder]}.
 */
public final class RobustnessSweep {

    private static final int BATCH = 500;

    public static void main(String[] args) throws Exception {
        int sampleCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String source = args.length > 1 ? args[1] : "60000";
        DataLocations locations = DataLocations.fromEnvironment();
        EvaluateSpec preset = (EvaluateSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"path": "bench"},
                 "dataset": {"name": "fashion-mnist"}, "samples": %d, "batchSize": %d, "seed": 0,
                 "preset": "foolbox-sweep"}""".formatted(sampleCount, BATCH));
        ExampleSet samples = EvaluationSamples.load(preset, locations);

        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            Network network = source.matches("\\d+") ? train(Integer.parseInt(source), locations, manager)
                    : SavedModel.load(Path.of(source), manager);
            Engine engine = Engine.getInstance();
            print("engine", engine.getEngineName() + " " + engine.getVersion() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            print("model", network + ", " + samples.size() + " Fashion-MNIST test samples, batch " + BATCH);

            double plain = forwardBackwardRate(network, samples, manager);
            AttackSpec pgd20 = new AttackSpec("linf-pgd", null, 20, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null).withDefaults();
            // Every sample takes all 20 steps here (no early exit), so sample-steps/s is the cost of a step.
            Attack everyStep = ((PgdAttack) FixedBudgetAttacks.of(pgd20, 0.03)).withStopRule(StopRule.NEVER);
            double pgd = attackRate(network, samples, manager, everyStep, 20);
            print("plain forward+backward", String.format(Locale.ROOT, "%,.0f samples/s", plain));
            print("PGD-20 (L∞, ε 0.03, all steps)", String.format(Locale.ROOT, "%,.0f sample-steps/s", pgd));
            print("attack step / plain pass", String.format(Locale.ROOT, "%.2f   (target <= 1.20)", plain / pgd));

            List<AttackSpec> runnable = new ArrayList<>();
            for (AttackSpec attack : preset.attacks()) {
                try {
                    if (FixedBudgetAttacks.isFixedBudget(attack)) {
                        FixedBudgetAttacks.of(attack, 0.1);
                    } else {
                        MinimumNormAttacks.of(attack);
                    }
                    runnable.add(attack);
                } catch (UnsupportedOperationException e) {
                    print("skipped", attack.curveLabel() + ": " + e.getMessage());
                }
            }
            EvaluateSpec sweep = new EvaluateSpec(preset.apiVersion(), preset.kind(), preset.metadata(),
                    preset.model(), preset.dataset(), preset.split(), preset.samples(), null, runnable,
                    preset.epsilons(), null, null, preset.batchSize(), preset.seed());
            print("foolbox-sweep", runnable.size() + " of " + preset.attacks().size() + " attacks, "
                    + preset.epsilonGrid().length + " epsilons");
            long nonZero = Arrays.stream(preset.epsilonGrid()).filter(e -> e > 0).count();
            long naive = 0;
            for (AttackSpec attack : runnable) {
                naive += AttackCost.passesPerRun(attack) * (FixedBudgetAttacks.isFixedBudget(attack) ? nonZero : 1);
            }
            print("per-ε sweep, no reuse, every sample", naive + " passes/sample (by the specs)");
            EvaluationResult reused = EvaluationRun.run(sweep, network, samples, EvaluationListener.NONE,
                    () -> false, EvaluationOptions.DEFAULT);
            report("(i) nested reuse + early exit", reused);
            EvaluationResult noReuse = EvaluationRun.run(sweep, network, samples, EvaluationListener.NONE,
                    () -> false, new EvaluationOptions(false, true));
            report("(ii) no reuse, early exit", noReuse);
            EvaluationResult neither = EvaluationRun.run(sweep, network, samples, EvaluationListener.NONE,
                    () -> false, new EvaluationOptions(false, false));
            report("(iii) no reuse, no early exit", neither);
            print("(iii) / (i)", ratio(neither, reused));
            print("(ii) / (i)   (what reuse saves)", ratio(noReuse, reused));
            print("(iii) / (ii) (what early exit saves)", ratio(neither, noReuse));
            print("clean accuracy", String.format(Locale.ROOT, "%.4f", reused.cleanAccuracy()));
            double[] grid = reused.epsilons();
            for (var curve : reused.worstCases()) {
                StringBuilder points = new StringBuilder();
                for (int k = 0; k < grid.length; k += Math.max(1, grid.length / 6)) {
                    points.append(String.format(Locale.ROOT, "  ε %s: %.3f", grid[k], curve.robustAccuracy()[k]));
                }
                print(curve.label(), points.toString().strip());
            }
            reused.warnings().forEach(w -> print("warning " + w.code(), w.message()));
        }
    }

    private static void report(String what, EvaluationResult result) {
        StringBuilder perAttack = new StringBuilder();
        for (AttackCost cost : result.timings().attacks()) {
            perAttack.append(String.format(Locale.ROOT, "%n%34s %-28s %7.1f s %,10d samples attacked %,12d passes measured", "",
                    cost.curve(), cost.seconds(), cost.samplesAttacked(), cost.measuredPasses()));
        }
        print(what, String.format(Locale.ROOT, "%.1f s wall, %.1f passes/sample measured (%.1f by the specs)",
                result.timings().totalSeconds(), result.timings().measuredPassesPerSample(),
                result.timings().attackPassesPerSample()) + perAttack);
    }

    private static String ratio(EvaluationResult more, EvaluationResult less) {
        return String.format(Locale.ROOT, "%.2f× measured passes, %.2f× time",
                more.timings().measuredPassesPerSample() / less.timings().measuredPassesPerSample(),
                more.timings().totalSeconds() / less.timings().totalSeconds());
    }

    private static Network train(int trainSize, DataLocations locations, NDManager manager) throws Exception {
        TrainSpec spec = (TrainSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "dataset": {"name": "fashion-mnist", "trainSize": %d, "testSize": 1000},
                 "model": {"architecture": "mlp", "hidden": [1024, 1024]},
                 "optimizer": {"name": "sgd", "learningRate": 0.05, "momentum": 0.9},
                 "epochs": 1, "batchSize": 100, "seed": 1}""".formatted(trainSize));
        Dataset data = Datasets.load(spec.dataset(), locations);
        Path workDir = Files.createTempDirectory("bench-sweep-");
        return SavedModel.load(TrainingRun.run(spec, data, workDir, EpochListener.NONE).modelFolder(), manager);
    }

    /** Samples/s of one forward and one backward pass to the input, parameters frozen: an attack step's core. */
    private static double forwardBackwardRate(Network network, ExampleSet samples, NDManager manager) {
        forwardBackward(network, samples, manager); // warm-up
        long started = System.nanoTime();
        int passes = 0;
        while (System.nanoTime() - started < 3e9 || passes < 3) {
            forwardBackward(network, samples, manager);
            passes++;
        }
        return passes * (double) samples.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static void forwardBackward(Network network, ExampleSet samples, NDManager manager) {
        int d = samples.featureCount();
        for (int start = 0; start < samples.size(); start += BATCH) {
            int n = Math.min(BATCH, samples.size() - start);
            try (NDManager batch = manager.newSubManager(); Network.Frozen frozen = network.freeze()) {
                NDArray x = batch.create(Arrays.copyOfRange(samples.features(), start * d, (start + n) * d),
                        new Shape(n, 1, 28, 28));
                NDArray y = batch.create(Arrays.stream(samples.labels(), start, start + n).asLongStream().toArray());
                x.setRequiresGradient(true);
                try (GradientRecorder recorder = GradientRecorder.open(batch.getEngine())) {
                    recorder.backward(network.loss(network.logits(x, false), y));
                }
                x.getGradient().sum().getFloat();
            }
        }
    }

    /** Sample-steps/s of an attack over all samples. */
    private static double attackRate(Network network, ExampleSet samples, NDManager manager, Attack attack,
            int steps) {
        int d = samples.featureCount();
        long started = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            started = System.nanoTime();
            for (int start = 0; start < samples.size(); start += BATCH) {
                int n = Math.min(BATCH, samples.size() - start);
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = batch.create(Arrays.copyOfRange(samples.features(), start * d, (start + n) * d),
                            new Shape(n, 1, 28, 28));
                    NDArray y = batch.create(Arrays.stream(samples.labels(), start, start + n).asLongStream()
                            .toArray());
                    attack.perturb(network, x, AttackGoal.untargeted(y), new SplittableRandom(start)).sum().getFloat();
                }
            }
        }
        return (double) samples.size() * steps / ((System.nanoTime() - started) / 1e9);
    }

    private static void print(String what, String value) {
        System.out.printf(Locale.ROOT, "%-34s %s%n", what, value);
    }
}
