package io.robustlab.bench;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.core.attack.FixedBudgetAttacks;
import io.robustlab.core.attack.PgdAttack;
import io.robustlab.core.attack.StopRule;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.EvaluationSamples;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import java.util.Locale;

/**
 * PGD-20's attacked samples/s (each sample × step counted) on MLP 784-1024-1024-10 and Fashion-MNIST test samples,
 * at batch 500, against the plain forward+backward pass (to the input, parameters frozen) measured in the same
 * run, interleaved ({@link AttackStepRates}): L∞ and L2 with every sample running every step ({@code NEVER}), whose
 * time over the plain pass is the cost of an attack step (target ≤ 1.2), and L∞ exiting early ({@code AT_GOAL}),
 * which shows what early exit saves on a trained network.
 *
 * <p>Usage: {@code bench/run PgdThroughput [samples (1000)] [trainSize (60000) | model folder] [rounds (7)]}.
 */
public final class PgdThroughput {

    private static final int BATCH = 500;
    private static final int STEPS = 20;
    private static final double LINF_EPSILON = 0.03;
    private static final double L2_EPSILON = 0.5;

    public static void main(String[] args) throws Exception {
        int sampleCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String source = args.length > 1 ? args[1] : "60000";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        DataLocations locations = DataLocations.fromEnvironment();
        ExampleSet samples = EvaluationSamples.load(FashionMnistMlp.foolboxSweep(sampleCount, BATCH), locations);
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            Network network = FashionMnistMlp.trainedOrLoaded(source, locations, manager);
            PgdAttack linf = (PgdAttack) FixedBudgetAttacks.of(pgd20("linf-pgd"), LINF_EPSILON);
            PgdAttack l2 = (PgdAttack) FixedBudgetAttacks.of(pgd20("l2-pgd"), L2_EPSILON);
            System.out.println(Machine.describe());
            System.out.printf(Locale.ROOT, "%s; %d Fashion-MNIST test samples, batch %d%n",
                    FashionMnistMlp.describe(network), samples.size(), BATCH);
            System.out.printf(Locale.ROOT, "PGD-20 from a random start: L∞ ε %s step %.4f, L2 ε %s step %.4f%n",
                    LINF_EPSILON, linf.stepSize(), L2_EPSILON, l2.stepSize());
            String linfNever = "L∞ PGD-20, every sample every step";
            String l2Never = "L2 PGD-20, every sample every step";
            AttackStepRates rates = new AttackStepRates(network, samples, BATCH, STEPS, manager)
                    .add(linfNever, linf.withStopRule(StopRule.NEVER))
                    .add(l2Never, l2.withStopRule(StopRule.NEVER))
                    .add("L∞ PGD-20, early exit (AT_GOAL)", linf);
            AttackStepRates.Rounds measured = rates.measure(rounds);
            rates.print(measured);
            System.out.println("L∞ PGD step / plain forward+backward: " + rates.stepCost(measured, linfNever));
            System.out.println("L2 PGD step / plain forward+backward: " + rates.stepCost(measured, l2Never));
            System.out.println("load average at the end " + Machine.loadAverage());
        }
    }

    private static AttackSpec pgd20(String name) {
        return new AttackSpec(name, null, STEPS, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }
}
