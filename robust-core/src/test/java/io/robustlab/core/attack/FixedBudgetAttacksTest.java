package io.robustlab.core.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.model.SavedModel;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingFixtures;
import io.robustlab.core.train.TrainingResult;
import io.robustlab.core.train.TrainingRun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed-budget attacks against a small MLP trained on overlapping Gaussian blobs (some test samples are
 * misclassified clean, the rest break at moderate budgets).
 */
class FixedBudgetAttacksTest {

    static final List<String> NAMES =
            List.of("fgsm", "linf-bim", "linf-pgd", "l2-pgd", "linf-uniform-noise", "l2-gaussian-noise");

    static NDManager manager;
    static Network network;
    static NDArray inputs;
    static NDArray labels;
    static boolean[] cleanWrong;

    NoGradScope noGrad;
    NDManager batch;

    @BeforeAll
    static void trainASmallModel(@TempDir Path workDir) throws IOException {
        Dataset data = TrainingFixtures.blobs(600, 200, 20, 3, 0.25, 11);
        TrainingResult trained = TrainingRun.run(TrainingFixtures.spec(TrainingFixtures.mlp(32),
                TrainingFixtures.adam(0.01), TrainingFixtures.STANDARD, 3, 20, 1), data, workDir, EpochListener.NONE);
        manager = NDManager.newBaseManager();
        network = SavedModel.load(trained.modelFolder(), manager);
        ExampleSet test = data.test();
        inputs = manager.create(test.features(), new Shape(test.size(), 20));
        labels = manager.create(Arrays.stream(test.labels()).asLongStream().toArray());
        try (NoGradScope noGrad = new NoGradScope()) {
            cleanWrong = network.predict(inputs).neq(labels).toBooleanArray();
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @BeforeEach
    void open() {
        noGrad = new NoGradScope();
        batch = manager.newSubManager();
    }

    @AfterEach
    void closeBatch() {
        batch.close();
        noGrad.close();
    }

    static AttackGoal untargeted() {
        return AttackGoal.untargeted(labels);
    }

    static AttackResult run(Attack attack, long seed) {
        return attack.attack(network, inputs, untargeted(), new SplittableRandom(seed));
    }

    static double rate(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            n += flag ? 1 : 0;
        }
        return (double) n / flags.length;
    }

    /**
     * The attack named, with 10 steps of a quarter of ε for the iterative ones (their defaults take 40 to 50 steps;
     * {@link #specsBecomeTheirAttacks} checks that the defaults arrive), else its defaults.
     */
    static AttackSpec shortSpec(String name) {
        return switch (name) {
            case "linf-bim", "linf-pgd", "l2-pgd" -> new AttackSpec(name, null, 10, 0.25, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null);
            default -> AttackSpec.named(name);
        };
    }

    static double[] epsilons(Norm norm) {
        return norm == Norm.LINF ? new double[] {0.02, 0.1, 0.3} : new double[] {0.1, 0.5, 2.0};
    }

    /** Per sample, the size of adversarial − inputs in {@code norm}. */
    static float[] perturbationNorms(NDArray adversarial, Norm norm) {
        NDArray delta = adversarial.sub(inputs);
        return (norm == Norm.LINF ? delta.abs().max(new int[] {1}) : delta.norm(new int[] {1})).toFloatArray();
    }

    static float[] row(NDArray array, int i) {
        float[] all = array.toFloatArray();
        return Arrays.copyOfRange(all, i * 20, i * 20 + 20);
    }

    @Test
    void everyAttackStaysInsideItsBallAndTheBoxAtEveryEpsilon() {
        for (String name : NAMES) {
            Norm norm = AttackSpec.named(name).norm();
            for (double epsilon : epsilons(norm)) {
                Attack attack = FixedBudgetAttacks.of(shortSpec(name), epsilon);
                NDArray adversarial = run(attack, 3).adversarials();

                assertThat(attack.norm()).as(name).isEqualTo(norm);
                assertThat(adversarial.getShape()).isEqualTo(inputs.getShape());
                for (float size : perturbationNorms(adversarial, norm)) {
                    assertThat(size).as(name + " at " + epsilon).isLessThanOrEqualTo((float) (epsilon + 1e-6));
                }
                assertThat(adversarial.min().getFloat()).as(name).isGreaterThanOrEqualTo(0f);
                assertThat(adversarial.max().getFloat()).as(name).isLessThanOrEqualTo(1f);
            }
        }
    }

    @Test
    void theL2AttacksUseTheirWholeBudgetWhereTheBoxAllows() {
        // guards against an L2 attack silently measuring or scaling in the wrong norm
        float[] pgd = perturbationNorms(FixedBudgetAttacks.of(shortSpec("l2-pgd"), 0.5)
                .perturb(network, inputs, untargeted(), new SplittableRandom(1)), Norm.L2);
        float[] noise = perturbationNorms(FixedBudgetAttacks.of(shortSpec("l2-gaussian-noise"), 0.5)
                .perturb(network, inputs, untargeted(), new SplittableRandom(1)), Norm.L2);
        assertThat(max(pgd)).isGreaterThan(0.45f);
        assertThat(max(noise)).isGreaterThan(0.45f);
    }

    static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    @Test
    void epsilonZeroChangesNothingAndBreaksExactlyTheCleanErrors() {
        assertThat(rate(cleanWrong)).as("the fixture needs some clean errors").isBetween(0.01, 0.3);
        for (String name : NAMES) {
            AttackResult result = run(FixedBudgetAttacks.of(shortSpec(name), 0), 2);

            assertThat(result.adversarials().toFloatArray()).as(name).isEqualTo(inputs.toFloatArray());
            assertThat(result.reached()).as(name).isEqualTo(cleanWrong);
        }
    }

    @Test
    void theReportedSuccessIsTheRepredictionOfTheReturnedArray() {
        for (String name : NAMES) {
            double epsilon = AttackSpec.named(name).norm() == Norm.LINF ? 0.1 : 0.5;
            AttackResult result = run(FixedBudgetAttacks.of(shortSpec(name), epsilon), 4);

            boolean[] repredicted = network.predict(result.adversarials()).neq(labels).toBooleanArray();
            assertThat(result.reached()).as(name).isEqualTo(repredicted);
        }
    }

    @Test
    void aSampleMisclassifiedCleanIsReturnedUnchanged() {
        for (String name : NAMES) {
            double epsilon = AttackSpec.named(name).norm() == Norm.LINF ? 0.2 : 1.0;
            NDArray adversarial = run(FixedBudgetAttacks.of(shortSpec(name), epsilon), 5).adversarials();
            for (int i = 0; i < cleanWrong.length; i++) {
                if (cleanWrong[i]) {
                    assertThat(row(adversarial, i)).as(name + " row " + i).isEqualTo(row(inputs, i));
                }
            }
        }
    }

    @Test
    void aSampleKeepsItsFirstAdversarialIterateWhichStillFoolsTheModel() {
        // BIM has no randomness: with 3 or 30 steps of the same size the first 3 iterates are the same, so a sample
        // broken within 3 steps must come back identical from the 30-step run, and still fooling the model
        AttackResult short3 = run(PgdAttack.basicIterative(0.3, 3, 0.02), 1);
        AttackResult long30 = run(PgdAttack.basicIterative(0.3, 30, 0.02), 1);

        int brokenEarly = 0;
        for (int i = 0; i < cleanWrong.length; i++) {
            if (short3.reached()[i] && !cleanWrong[i]) {
                brokenEarly++;
                assertThat(row(long30.adversarials(), i)).as("row " + i).isEqualTo(row(short3.adversarials(), i));
                assertThat(long30.reached()[i]).as("row " + i).isTrue();
            }
        }
        assertThat(brokenEarly).isPositive();
        assertThat(rate(long30.reached())).isGreaterThan(rate(short3.reached()));
    }

    @Test
    void retiredSamplesCostNoFurtherGradients() {
        int steps = 20;
        int correct = (int) (cleanWrong.length * (1 - rate(cleanWrong)));

        long before = InputGradient.SAMPLE_GRADIENTS.get();
        run(PgdAttack.basicIterative(0, steps, 0.01), 1);
        long atZero = InputGradient.SAMPLE_GRADIENTS.get() - before;
        // nothing breaks at ε = 0 after the first forward pass: the clean errors leave at once, the rest stay
        assertThat(atZero).isEqualTo((long) cleanWrong.length + (long) correct * (steps - 1));

        before = InputGradient.SAMPLE_GRADIENTS.get();
        AttackResult strong = run(PgdAttack.basicIterative(0.3, steps, 0.05), 1);
        long atLarge = InputGradient.SAMPLE_GRADIENTS.get() - before;
        assertThat(rate(strong.reached())).isGreaterThan(0.9);
        assertThat(atLarge).isLessThan((long) cleanWrong.length * steps / 2);

        before = InputGradient.SAMPLE_GRADIENTS.get();
        run(PgdAttack.basicIterative(0.3, steps, 0.05).withStopRule(StopRule.NEVER), 1);
        assertThat(InputGradient.SAMPLE_GRADIENTS.get() - before).isEqualTo((long) cleanWrong.length * steps);
    }

    @Test
    void moreRestartsBreakASupersetAndKeepTheFirstRunsAdversarials() {
        for (Norm norm : Norm.values()) {
            double epsilon = norm == Norm.LINF ? 0.05 : 0.25;
            PgdAttack once = new PgdAttack(norm, epsilon, 5, epsilon / 4, true, 1, StopRule.AT_GOAL);
            AttackResult one = run(once, 9);
            AttackResult three = run(once.withRestarts(3), 9);

            for (int i = 0; i < cleanWrong.length; i++) {
                if (one.reached()[i]) {
                    assertThat(three.reached()[i]).as(norm + " row " + i).isTrue();
                    assertThat(row(three.adversarials(), i)).isEqualTo(row(one.adversarials(), i));
                }
            }
            System.out.printf("%s PGD-5 eps %.2f: 1 run %.3f, 3 runs %.3f%n", norm, epsilon, rate(one.reached()),
                    rate(three.reached()));
        }
    }

    @Test
    void pgdBreaksAtLeastWhatFgsmBreaks() {
        for (double epsilon : new double[] {0.05, 0.1}) {
            double fgsm = run(FixedBudgetAttacks.of(AttackSpec.named("fgsm"), epsilon), 1).successRate();
            double pgd = run(PgdAttack.linf(epsilon, 20, epsilon / 8, true), 1).successRate();
            System.out.printf("eps %.2f: FGSM %.3f, PGD-20 %.3f%n", epsilon, fgsm, pgd);
            assertThat(pgd).isGreaterThanOrEqualTo(fgsm);
        }
    }

    @Test
    void moreNoiseRepeatsBreakASuperset() {
        for (String name : List.of("linf-uniform-noise", "l2-gaussian-noise")) {
            double epsilon = AttackSpec.named(name).norm() == Norm.LINF ? 0.2 : 1.5;
            AttackSpec spec = AttackSpec.named(name);
            AttackSpec five = new AttackSpec(name, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, 5, null, null);
            AttackResult one = run(FixedBudgetAttacks.of(spec, epsilon), 8);
            AttackResult many = run(FixedBudgetAttacks.of(five, epsilon), 8);

            for (int i = 0; i < cleanWrong.length; i++) {
                if (one.reached()[i]) {
                    assertThat(many.reached()[i]).as(name + " row " + i).isTrue();
                }
            }
            System.out.printf("%s eps %.2f: 1 draw %.3f, 5 draws %.3f (clean error %.3f)%n", name, epsilon,
                    rate(one.reached()), rate(many.reached()), rate(cleanWrong));
            assertThat(rate(many.reached())).isGreaterThan(rate(one.reached()));
        }
    }

    @Test
    void successGrowsWithEpsilon() {
        for (Norm norm : Norm.values()) {
            // 10 steps of a quarter of ε keep the test short; the defaults run in the other tests
            AttackSpec spec = new AttackSpec(norm == Norm.LINF ? "linf-pgd" : "l2-pgd", null, 10, 0.25, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            double scale = norm == Norm.LINF ? 1 : 4.5;
            double previous = 0;
            StringBuilder curve = new StringBuilder(norm + " PGD-10 success:");
            for (double epsilon : new double[] {0, 0.02, 0.05, 0.1, 0.15, 0.25}) {
                double rate = run(FixedBudgetAttacks.of(spec, epsilon * scale), 21).successRate();
                curve.append(String.format(" %.3f@%.3f", rate, epsilon * scale));
                assertThat(rate).as(norm + " at " + epsilon * scale).isGreaterThanOrEqualTo(previous - 0.01);
                previous = Math.max(previous, rate);
            }
            System.out.println(curve);
            assertThat(previous).isGreaterThan(0.8);
        }
    }

    @Test
    void targetedPgdReachesTheTargetAtALargeEpsilon() {
        long[] targets = Arrays.stream(labels.toLongArray()).map(label -> (label + 1) % 3).toArray();
        AttackGoal goal = AttackGoal.targeted(labels, manager.create(targets));
        for (Norm norm : Norm.values()) {
            double epsilon = norm == Norm.LINF ? 0.4 : 2.5;
            PgdAttack attack = new PgdAttack(norm, epsilon, 40, epsilon / 10, true, 1, StopRule.AT_GOAL);
            AttackResult result = attack.attack(network, inputs, goal, new SplittableRandom(3));

            long[] predicted = network.predict(result.adversarials()).toLongArray();
            int hits = 0;
            for (int i = 0; i < predicted.length; i++) {
                hits += predicted[i] == targets[i] ? 1 : 0;
                assertThat(result.reached()[i]).isEqualTo(predicted[i] == targets[i]);
            }
            System.out.printf("targeted %s PGD eps %.2f: %.3f reach the target%n", norm, epsilon,
                    (double) hits / predicted.length);
            assertThat(hits).isGreaterThan(predicted.length * 9 / 10);
        }
    }

    @Test
    void fgsmRefusesATargetedGoal() {
        AttackGoal goal = AttackGoal.targeted(labels, labels.add(1).mod(3));
        assertThatThrownBy(() -> new FgsmAttack(0.1).perturb(network, inputs, goal, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("untargeted");
    }

    @Test
    void theSameSeedGivesTheSameOutputs() {
        for (String name : NAMES) {
            double epsilon = AttackSpec.named(name).norm() == Norm.LINF ? 0.05 : 0.3;
            Attack attack = FixedBudgetAttacks.of(shortSpec(name), epsilon);
            float[] a = run(attack, 17).adversarials().toFloatArray();
            float[] b = run(attack, 17).adversarials().toFloatArray();
            assertThat(a).as(name).isEqualTo(b);
        }
        PgdAttack random = PgdAttack.l2(0.3, 3, 0.1, true);
        assertThat(run(random, 1).adversarials().toFloatArray())
                .isNotEqualTo(run(random, 2).adversarials().toFloatArray());
    }

    @Test
    void specsBecomeTheirAttacks() {
        assertThat(FixedBudgetAttacks.of(AttackSpec.named("linf-bim"), 0.1))
                .isEqualTo(new PgdAttack(Norm.LINF, 0.1, 10, 0.2 * 0.1, false, 1, StopRule.AT_GOAL));
        assertThat(FixedBudgetAttacks.of(AttackSpec.named("linf-pgd"), 0.3))
                .isEqualTo(new PgdAttack(Norm.LINF, 0.3, 40, 0.01 / 0.3 * 0.3, true, 1, StopRule.AT_GOAL));
        AttackSpec l2 = new AttackSpec("l2-pgd", null, 7, null, 0.05, null, 4, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertThat(FixedBudgetAttacks.of(l2, 1.0))
                .isEqualTo(new PgdAttack(Norm.L2, 1.0, 7, 0.05, true, 4, StopRule.AT_GOAL));
        assertThat(FixedBudgetAttacks.of(AttackSpec.named("l2-gaussian-noise"), 0.5))
                .isEqualTo(new AdditiveNoiseAttack(Norm.L2, 0.5, 1));
        assertThat(FixedBudgetAttacks.of(AttackSpec.named("linf-uniform-noise"), 0.5))
                .isEqualTo(new AdditiveNoiseAttack(Norm.LINF, 0.5, 1));
        assertThat(FixedBudgetAttacks.of(AttackSpec.named("fgsm"), 0.1)).isEqualTo(new FgsmAttack(0.1));
        AttackSpec fgsmRandom = new AttackSpec("fgsm", null, null, null, null, true, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        assertThat(FixedBudgetAttacks.of(fgsmRandom, 0.1)).isEqualTo(new FgsmAttack(0.1, true, StopRule.AT_GOAL));
        assertThatThrownBy(() -> FixedBudgetAttacks.of(AttackSpec.named("l2-ddn"), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
