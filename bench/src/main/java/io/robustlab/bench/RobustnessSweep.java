package io.robustlab.bench;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.core.attack.AttackWork;
import io.robustlab.core.attack.FixedBudgetAttacks;
import io.robustlab.core.attack.MinimumNormAttacks;
import io.robustlab.core.attack.PgdAttack;
import io.robustlab.core.attack.StopRule;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.AttackCost;
import io.robustlab.core.evaluation.EvaluationListener;
import io.robustlab.core.evaluation.EvaluationOptions;
import io.robustlab.core.evaluation.EvaluationResult;
import io.robustlab.core.evaluation.EvaluationRun;
import io.robustlab.core.evaluation.EvaluationSamples;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The cost of a robustness sweep on MLP 784-1024-1024-10 (trained one epoch on Fashion-MNIST, or loaded from a
 * model folder) over Fashion-MNIST test samples: the plain forward+backward rate and PGD-20's, measured interleaved
 * ({@link AttackStepRates}), whose ratio is the cost of an attack step (target ≤ 1.2); then the
 * {@code foolbox-sweep} preset in three configurations: (i) nested-epsilon reuse and early exit (the default),
 * (ii) early exit only, (iii) neither. After a warm-up of all three on a few samples, the three run interleaved,
 * {@code repeats} times each in rotating order, and each reports its median wall time, its forward+backward
 * passes per sample, measured ({@code AttackWork}) and by the specs, and what early exit's goal checks and batch
 * compactions took. Attacks of the preset that are not implemented yet are left out with a note.
 *
 * <p>Usage: {@code bench/run RobustnessSweep [samples (1000)] [trainSize (60000) | model folder] [repeats (3)]}.
 */
public final class RobustnessSweep {

    private static final int BATCH = 500;
    private static final int STEPS = 20;
    private static final int WARM_UP_SAMPLES = 100;
    private static final int STEP_RATE_ROUNDS = 5;

    /** One configuration of the engine, and what its runs measured. */
    private record Configuration(String label, EvaluationOptions options, List<Run> runs) {
    }

    /** One evaluation and what early exit's bookkeeping took in it. */
    private record Run(EvaluationResult result, long checks, double checkSeconds, long compactions,
            double compactionSeconds) {

        double seconds() {
            return result.timings().totalSeconds();
        }

        double passesPerSample() {
            return result.timings().measuredPassesPerSample();
        }
    }

    public static void main(String[] args) throws Exception {
        int sampleCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String source = args.length > 1 ? args[1] : "60000";
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        DataLocations locations = DataLocations.fromEnvironment();
        EvaluateSpec preset = FashionMnistMlp.foolboxSweep(sampleCount, BATCH);
        ExampleSet samples = EvaluationSamples.load(preset, locations);

        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            Network network = FashionMnistMlp.trainedOrLoaded(source, locations, manager);
            print("machine", Machine.describe());
            print("model", FashionMnistMlp.describe(network) + "; " + samples.size()
                    + " Fashion-MNIST test samples, batch " + BATCH);

            AttackSpec pgd20 = new AttackSpec("linf-pgd", null, STEPS, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null);
            String pgdLabel = "PGD-20 (L∞, ε 0.03, every step)";
            AttackStepRates stepRates = new AttackStepRates(network, samples, BATCH, STEPS, manager)
                    .add(pgdLabel, ((PgdAttack) FixedBudgetAttacks.of(pgd20, 0.03)).withStopRule(StopRule.NEVER));
            AttackStepRates.Rounds rounds = stepRates.measure(STEP_RATE_ROUNDS);
            stepRates.print(rounds);
            print("attack step / plain pass", stepRates.stepCost(rounds, pgdLabel));
            double plainRate = stepRates.plainRate(rounds);
            System.out.println();

            EvaluateSpec sweep = runnable(preset);
            long nonZero = Arrays.stream(preset.epsilonGrid()).filter(e -> e > 0).count();
            long naive = 0;
            for (AttackSpec attack : sweep.attacks()) {
                naive += AttackCost.passesPerRun(attack) * (FixedBudgetAttacks.isFixedBudget(attack) ? nonZero : 1);
            }
            print("foolbox-sweep", sweep.attacks().size() + " of " + preset.attacks().size() + " attacks, "
                    + preset.epsilonGrid().length + " epsilons; " + repeats + " interleaved runs of each"
                    + " configuration after a warm-up");
            print("per-ε sweep, no reuse, every sample", naive + " passes/sample (by the specs)");
            List<Configuration> configurations = List.of(
                    new Configuration("(i) nested reuse + early exit", EvaluationOptions.DEFAULT, new ArrayList<>()),
                    new Configuration("(ii) no reuse, early exit", new EvaluationOptions(false, true),
                            new ArrayList<>()),
                    new Configuration("(iii) no reuse, no early exit", new EvaluationOptions(false, false),
                            new ArrayList<>()));
            ExampleSet warmUp = samples.select(IntStream.range(0, Math.min(WARM_UP_SAMPLES, samples.size()))
                    .toArray());
            for (Configuration configuration : configurations) {
                run(sweep, network, warmUp, configuration.options());
            }
            for (int repeat = 0; repeat < repeats; repeat++) {
                for (int c = 0; c < configurations.size(); c++) {
                    Configuration configuration = configurations.get((c + repeat) % configurations.size());
                    configuration.runs().add(run(sweep, network, samples, configuration.options()));
                }
            }
            for (Configuration configuration : configurations) {
                report(configuration);
            }
            Configuration reused = configurations.get(0);
            Configuration noReuse = configurations.get(1);
            Configuration neither = configurations.get(2);
            print("(iii) / (i)", ratio(neither, reused));
            print("(ii) / (i)   (what reuse saves)", ratio(noReuse, reused));
            print("(iii) / (ii) (what early exit saves)", ratio(neither, noReuse));
            earlyExitBalance(noReuse, neither, samples.size(), plainRate);

            EvaluationResult result = reused.runs().getLast().result();
            print("clean accuracy", String.format(Locale.ROOT, "%.4f", result.cleanAccuracy()));
            double[] grid = result.epsilons();
            for (var curve : result.worstCases()) {
                StringBuilder points = new StringBuilder();
                for (int k = 0; k < grid.length; k += Math.max(1, grid.length / 6)) {
                    points.append(String.format(Locale.ROOT, "  ε %s: %.3f", grid[k], curve.robustAccuracy()[k]));
                }
                print(curve.label(), points.toString().strip());
            }
            result.warnings().forEach(w -> print("warning " + w.code(), w.message()));
            print("load average at the end", Machine.loadAverage());
        }
    }

    /** The preset with the attacks that cannot be built yet left out (each named with the reason). */
    private static EvaluateSpec runnable(EvaluateSpec preset) {
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
        return new EvaluateSpec(preset.apiVersion(), preset.kind(), preset.metadata(), preset.model(),
                preset.dataset(), preset.split(), preset.samples(), null, runnable, preset.epsilons(), null, null,
                preset.batchSize(), preset.seed());
    }

    private static Run run(EvaluateSpec sweep, Network network, ExampleSet samples, EvaluationOptions options) {
        long checks = AttackWork.exitChecks();
        long checkNanos = AttackWork.exitCheckNanos();
        long compactions = AttackWork.compactions();
        long compactionNanos = AttackWork.compactionNanos();
        EvaluationResult result = EvaluationRun.run(sweep, network, samples, EvaluationListener.NONE, () -> false,
                options);
        return new Run(result, AttackWork.exitChecks() - checks, (AttackWork.exitCheckNanos() - checkNanos) / 1e9,
                AttackWork.compactions() - compactions, (AttackWork.compactionNanos() - compactionNanos) / 1e9);
    }

    private static void report(Configuration configuration) {
        List<Run> runs = configuration.runs();
        Run first = runs.getFirst();
        boolean samePasses = runs.stream().allMatch(r -> r.passesPerSample() == first.passesPerSample());
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%.1f s median wall (runs:%s), %.1f passes/sample measured%s (%.1f by the specs)",
                median(runs, Run::seconds), joined(runs, Run::seconds), first.passesPerSample(),
                samePasses ? "" : " in the first run, then" + joined(runs, Run::passesPerSample),
                first.result().timings().attackPassesPerSample()));
        List<AttackCost> attacks = first.result().timings().attacks();
        for (int a = 0; a < attacks.size(); a++) {
            int index = a;
            AttackCost cost = attacks.get(a);
            text.append(String.format(Locale.ROOT, "%n%36s %-24s %7.1f s %,9d samples attacked %,11d passes", "",
                    cost.curve(), median(runs, r -> r.result().timings().attacks().get(index).seconds()),
                    cost.samplesAttacked(), cost.measuredPasses()));
        }
        if (configuration.options().earlyExit()) {
            text.append(String.format(Locale.ROOT, "%n%36s early exit: %,d goal checks %.2f s, of them %,d compactions"
                    + " %.2f s (%.2f ms each), medians", "", first.checks(), median(runs, Run::checkSeconds),
                    first.compactions(), median(runs, Run::compactionSeconds),
                    median(runs, r -> r.compactionSeconds() * 1e3 / Math.max(1, r.compactions()))));
        }
        print(configuration.label(), text.toString());
    }

    /** What early exit's bookkeeping cost in (ii) against the work it saved over (iii). */
    private static void earlyExitBalance(Configuration early, Configuration never, int samples, double plainRate) {
        double bookkeeping = median(early.runs(), Run::checkSeconds);
        double compaction = median(early.runs(), Run::compactionSeconds);
        double savedPasses = (never.runs().getFirst().passesPerSample() - early.runs().getFirst().passesPerSample())
                * samples;
        print("early exit costs vs saves", String.format(Locale.ROOT, "goal checks and compactions %.2f s "
                + "(compactions %.2f s) = %.1f%% of (ii)'s wall time; it saves %,.0f sample passes = %.1f s at "
                + "the plain pass's %,.0f samples/s; measured (iii) − (ii): %.1f s", bookkeeping, compaction,
                100 * bookkeeping / median(early.runs(), Run::seconds), savedPasses, savedPasses / plainRate,
                plainRate, median(never.runs(), Run::seconds) - median(early.runs(), Run::seconds)));
    }

    private static String ratio(Configuration more, Configuration less) {
        return String.format(Locale.ROOT, "%.2f× measured passes, %.2f× median time",
                more.runs().getFirst().passesPerSample() / less.runs().getFirst().passesPerSample(),
                median(more.runs(), Run::seconds) / median(less.runs(), Run::seconds));
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return AttackStepRates.median(runs.stream().mapToDouble(value).toArray());
    }

    private static String joined(List<Run> runs, ToDoubleFunction<Run> value) {
        StringBuilder text = new StringBuilder();
        runs.forEach(r -> text.append(String.format(Locale.ROOT, " %.1f", value.applyAsDouble(r))));
        return text.toString();
    }

    private static void print(String what, String value) {
        System.out.printf(Locale.ROOT, "%-36s %s%n", what, value);
    }
}
