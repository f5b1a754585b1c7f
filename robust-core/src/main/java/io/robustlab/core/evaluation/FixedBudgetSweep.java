package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.core.attack.Attack;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.AttackWork;
import io.robustlab.core.attack.FgsmAttack;
import io.robustlab.core.attack.PgdAttack;
import io.robustlab.core.attack.StopRule;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One fixed-budget attack over the epsilon grid, epsilon ascending. With nested reuse only the samples still robust
 * at the previous epsilon are attacked: a sample broken at ε stays broken at every larger ε, since its adversarial
 * example lies inside every larger ball. Clean-misclassified samples are broken from the start and never attacked.
 * A success counts only when the network, re-run on the returned example, is fooled.
 */
final class FixedBudgetSweep {

    private FixedBudgetSweep() {
    }

    static AttackOutcome run(SweepContext context, AttackSpec spec, int attackIndex) {
        long started = System.nanoTime();
        long passesBefore = AttackWork.samplePasses();
        String curve = spec.curveLabel();
        SampleBatches batches = context.batches;
        BitSet counted = context.counted(spec);
        int[] targets = context.targets(spec, attackIndex);
        BitSet cleanBroken = (BitSet) counted.clone();
        cleanBroken.andNot(context.cleanCorrect);
        double[] epsilons = context.epsilons;
        BitSet[] broken = new BitSet[epsilons.length];
        long attacked = 0;
        long verifications = 0;
        for (int k = 0; k < epsilons.length; k++) {
            BitSet now = context.options.nestedReuse() && k > 0 ? (BitSet) broken[k - 1].clone()
                    : (BitSet) cleanBroken.clone();
            if (epsilons[k] > 0) {
                BitSet candidates = (BitSet) counted.clone();
                candidates.andNot(now);
                candidates.andNot(cleanBroken);
                Attack attack = context.options.earlyExit() ? context.attacks.fixedBudget(spec, epsilons[k])
                        : withoutEarlyExit(context.attacks.fixedBudget(spec, epsilons[k]));
                int[] indices = candidates.stream().toArray();
                for (int start = 0; start < indices.length; start += batches.batchSize) {
                    context.checkCancelled();
                    int[] batch = Arrays.copyOfRange(indices, start, Math.min(indices.length,
                            start + batches.batchSize));
                    attackBatch(context, curve, spec, attack, epsilons[k], batch, targets, now,
                            context.random(attackIndex, k, start));
                }
                attacked += indices.length;
                verifications += indices.length;
            }
            broken[k] = now;
            context.listener.curvePoint(CurvePoint.of(curve, epsilons[k], now, counted));
            context.workDone(1);
        }
        RobustnessCurve result = RobustnessCurve.of(curve, spec.name(), spec.norm().symbol(),
                RobustnessCurve.FIXED_BUDGET, counted, broken, null);
        return new AttackOutcome(result, new AttackCost(curve, (System.nanoTime() - started) / 1e9, attacked,
                attacked * AttackCost.passesPerRun(spec), AttackWork.samplePasses() - passesBefore, verifications));
    }

    /** The attack with every sample running every step; noise has no steps to skip and stays as it is. */
    private static Attack withoutEarlyExit(Attack attack) {
        return switch (attack) {
            case PgdAttack pgd -> pgd.withStopRule(StopRule.NEVER);
            case FgsmAttack fgsm -> new FgsmAttack(fgsm.epsilon(), fgsm.randomStart(), StopRule.NEVER);
            default -> attack;
        };
    }

    private static void attackBatch(SweepContext context, String curve, AttackSpec spec, Attack attack,
            double epsilon, int[] batch, int[] targets, BitSet broken, java.util.SplittableRandom random) {
        SampleBatches batches = context.batches;
        float[] clean = batches.gather(batch);
        float[] adversarial;
        try (NDManager work = batches.manager.newSubManager()) {
            NDArray x = batches.array(work, clean, batch.length);
            NDArray labels = work.create(Arrays.stream(batch).mapToLong(batches::label).toArray());
            AttackGoal goal = targets == null ? AttackGoal.untargeted(labels)
                    : AttackGoal.targeted(labels, work.create(Arrays.stream(batch).mapToLong(i -> targets[i])
                            .toArray()));
            adversarial = attack.perturb(batches.network, x, goal, random).toFloatArray();
        }
        SweepContext.requireInside(curve, spec.norm(), epsilon, adversarial, clean, batch.length,
                batches.featureCount);
        int[] predicted = batches.predict(adversarial, batch.length);
        for (int i = 0; i < batch.length; i++) {
            if (context.fooled(batch[i], predicted[i], targets)) {
                broken.set(batch[i]);
                context.observer.counted(curve, epsilon, batch[i], Arrays.copyOfRange(adversarial,
                        i * batches.featureCount, (i + 1) * batches.featureCount));
            }
        }
    }
}
