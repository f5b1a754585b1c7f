package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.train.TrainingFixtures;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints attacked samples/s (sample × step) of PGD-20 on MLP 784-256-10 at batch 500, next to the plain forward and
 * backward pass it is made of (the input gradient with frozen parameters, nothing else). Every step of
 * {@link StopRule#NEVER} runs on the whole batch, so its rate compares with the plain pass directly;
 * {@link StopRule#AT_GOAL} on an untrained network retires most samples at once and shows what early exit saves.
 * Timings are printed, never asserted; the best of interleaved bursts is kept. Run by hand:
 * {@code ./mvnw -B -q -pl robust-core -am test -Dtest=PgdThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition}
 */
@Disabled("benchmark: prints timings, run by hand")
class PgdThroughputBenchmark {

    static final int BATCH = 500;
    static final int STEPS = 20;

    @Test
    void pgdStepsAgainstAPlainForwardAndBackwardPass() {
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            Network network = Network.build(TrainingFixtures.mlp(256), new long[] {784}, 10, manager);
            network.initialize(new SplittableRandom(1));
            NDArray inputs = manager.randomUniform(0, 1, new Shape(BATCH, 784));
            NDArray labels = manager.randomInteger(0, 10, new Shape(BATCH), DataType.INT64);
            AttackGoal goal = AttackGoal.untargeted(labels);
            Map<String, Runnable> kinds = new LinkedHashMap<>();
            kinds.put("forward+backward", () -> {
                try (NDManager batch = manager.newSubManager(); Network.Frozen frozen = network.freeze()) {
                    NDArray x = inputs.duplicate();
                    x.attach(batch);
                    for (int step = 0; step < STEPS; step++) {
                        try (NDManager scratch = batch.newSubManager()) {
                            InputGradient.at(network, x, goal, scratch);
                        }
                    }
                }
            });
            PgdAttack pgd = PgdAttack.linf(8 / 255.0, STEPS, 2 / 255.0, true);
            kinds.put("pgd-20 never", () -> {
                try (NDManager batch = manager.newSubManager()) {
                    pgd.withStopRule(StopRule.NEVER).perturb(network, inputs, goal, new SplittableRandom(1))
                            .attach(batch);
                }
            });
            kinds.put("pgd-20 at-goal", () -> {
                try (NDManager batch = manager.newSubManager()) {
                    pgd.perturb(network, inputs, goal, new SplittableRandom(1)).attach(batch);
                }
            });
            PgdAttack l2 = PgdAttack.l2(0.5, STEPS, 0.05, true).withStopRule(StopRule.NEVER);
            kinds.put("l2-pgd-20 never", () -> {
                try (NDManager batch = manager.newSubManager()) {
                    l2.perturb(network, inputs, goal, new SplittableRandom(1)).attach(batch);
                }
            });
            Map<String, Double> best = new LinkedHashMap<>();
            for (int round = 0; round < 5; round++) {
                for (Map.Entry<String, Runnable> kind : kinds.entrySet()) {
                    kind.getValue().run();
                    long start = System.nanoTime();
                    for (int i = 0; i < 3; i++) {
                        kind.getValue().run();
                    }
                    best.merge(kind.getKey(), (System.nanoTime() - start) / 3e9, Math::min);
                }
            }
            double plain = best.get("forward+backward");
            best.forEach((kind, seconds) -> System.out.printf("%-18s %7.2f ms per %d steps %9.0f sample-steps/s"
                    + " %5.2fx plain%n", kind, seconds * 1e3, STEPS, (double) BATCH * STEPS / seconds, seconds / plain));
        }
    }
}
