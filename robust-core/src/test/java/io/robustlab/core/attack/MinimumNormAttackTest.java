package io.robustlab.core.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

class MinimumNormAttackTest {

    static final int SAMPLES = 100;
    static final int CLASSES = 5;
    static final int FEATURES = 20;
    /** Samples given a wrong label: the model "misclassifies" them when clean. */
    static final int RELABELLED = 5;

    static NDManager manager;
    static Network network;
    static NDArray inputs;
    static NDArray labels;
    static int[] predicted;

    @BeforeAll
    static void trainASmallModel(@TempDir Path workDir) throws IOException {
        Dataset data = TrainingFixtures.blobs(600, SAMPLES, FEATURES, CLASSES, 0.1, 11);
        TrainingResult trained = TrainingRun.run(TrainingFixtures.spec(TrainingFixtures.mlp(32),
                TrainingFixtures.adam(0.01), TrainingFixtures.STANDARD, 3, 20, 1), data, workDir, EpochListener.NONE);
        manager = NDManager.newBaseManager();
        network = SavedModel.load(trained.modelFolder(), manager);
        ExampleSet test = data.test();
        inputs = manager.create(test.features(), new Shape(test.size(), FEATURES));
        try (NoGradScope noGrad = new NoGradScope()) {
            predicted = Arrays.stream(network.predict(inputs).toLongArray()).mapToInt(Math::toIntExact).toArray();
        }
        long[] given = Arrays.stream(test.labels()).asLongStream().toArray();
        for (int i = 0; i < RELABELLED; i++) {
            given[i] = (predicted[i] + 1) % CLASSES;
        }
        labels = manager.create(given);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static AttackSpec spec(String name, Integer steps, Integer binarySearchSteps, Double initialConst,
            Double learningRate, Boolean abortEarly) {
        return new AttackSpec(name, null, steps, null, null, null, null, null, null, null, null, null,
                binarySearchSteps, initialConst, null, learningRate, abortEarly, null, null, null);
    }

    static MinimumNormAttack deepFool(Norm norm) {
        return MinimumNormAttacks.of(AttackSpec.named(norm == Norm.L2 ? "l2-deepfool" : "linf-deepfool"));
    }

    static MinimumNormAttack ddn() {
        return MinimumNormAttacks.of(AttackSpec.named("l2-ddn"));
    }

    static MinimumNormAttack carliniWagner(boolean abortEarly) {
        return MinimumNormAttacks.of(spec("l2-carlini-wagner", 100, 5, 0.1, 0.05, abortEarly));
    }

    static Stream<MinimumNormAttack> attacks() {
        return Stream.of(deepFool(Norm.LINF), deepFool(Norm.L2), ddn(), carliniWagner(true));
    }

    /** What a test sees of a result, on the host. */
    record Outcome(float[][] adversarials, float[] norms) {
    }

    static final Map<String, Outcome> UNTARGETED = new ConcurrentHashMap<>();

    /** The untargeted outcome with seed 1, computed once per attack configuration: C&W takes seconds. */
    static Outcome untargeted(MinimumNormAttack attack) {
        return UNTARGETED.computeIfAbsent(attack.toString(), key -> run(attack, AttackGoal.untargeted(labels), 1));
    }

    static Outcome run(MinimumNormAttack attack, AttackGoal goal, long seed) {
        try (NoGradScope noGrad = new NoGradScope(); NDManager batch = manager.newSubManager()) {
            NDArray x = inputs.duplicate();
            x.attach(batch);
            MinimumNormResult result = attack.attack(network, x, goal, new SplittableRandom(seed));
            assertThat(result.adversarials().getManager()).isSameAs(batch);
            assertThat(result.adversarials().getShape()).isEqualTo(inputs.getShape());
            assertThat(x.toFloatArray()).isEqualTo(inputs.toFloatArray());
            float[] flat = result.adversarials().toFloatArray();
            float[][] rows = new float[SAMPLES][];
            for (int i = 0; i < SAMPLES; i++) {
                rows[i] = Arrays.copyOfRange(flat, i * FEATURES, (i + 1) * FEATURES);
            }
            return new Outcome(rows, result.norms());
        }
    }

    static float[] row(int i) {
        return inputs.get(i).toFloatArray();
    }

    static double norm(float[] adversarial, float[] clean, Norm norm) {
        double sum = 0;
        double max = 0;
        for (int j = 0; j < clean.length; j++) {
            double d = (double) adversarial[j] - clean[j];
            sum += d * d;
            max = Math.max(max, Math.abs(d));
        }
        return norm == Norm.L2 ? Math.sqrt(sum) : max;
    }

    static int[] predict(float[][] rows) {
        try (NoGradScope noGrad = new NoGradScope(); NDManager batch = manager.newSubManager()) {
            float[] flat = new float[rows.length * FEATURES];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * FEATURES, FEATURES);
            }
            return Arrays.stream(network.predict(batch.create(flat, new Shape(rows.length, FEATURES))).toLongArray())
                    .mapToInt(Math::toIntExact).toArray();
        }
    }

    static long label(int i) {
        return labels.getLong(i);
    }

    static double median(float[] norms) {
        float[] sorted = norms.clone();
        Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2.0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void findsMisclassifiedInputsInsideTheBoxAndReportsTheirMeasuredNorms(MinimumNormAttack attack) {
        Outcome outcome = untargeted(attack);
        int[] fooledAs = predict(outcome.adversarials());
        int finite = 0;
        for (int i = 0; i < SAMPLES; i++) {
            float[] adversarial = outcome.adversarials()[i];
            for (float v : adversarial) {
                assertThat(v).isBetween(0f, 1f);
            }
            float reported = outcome.norms()[i];
            if (Float.isFinite(reported)) {
                finite++;
                assertThat((double) reported).as("sample %d", i)
                        .isCloseTo(norm(adversarial, row(i), attack.norm()), within(1e-5 * Math.max(reported, 1e-3)));
                assertThat((long) fooledAs[i]).as("sample %d is fooled at its norm", i).isNotEqualTo(label(i));
            } else {
                assertThat(adversarial).as("sample %d: nothing found, clean input back", i).isEqualTo(row(i));
            }
        }
        assertThat(finite).isGreaterThanOrEqualTo(90);
        for (int i = 0; i < RELABELLED; i++) {
            assertThat(outcome.norms()[i]).as("misclassified when clean").isZero();
            assertThat(outcome.adversarials()[i]).isEqualTo(row(i));
        }
        for (int i = RELABELLED; i < SAMPLES; i++) {
            if (predicted[i] == label(i)) {
                assertThat(outcome.norms()[i]).as("correct when clean, so a real perturbation").isPositive();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isDeterministicPerSeed(MinimumNormAttack attack) {
        Outcome a = untargeted(attack);
        // collections during the second run: Carlini-Wagner's gradients once depended on when they ran
        Outcome b = whileCollectingGarbage(() -> run(attack, AttackGoal.untargeted(labels), 1));
        assertThat(b.norms()).isEqualTo(a.norms());
        assertThat(b.adversarials()).isDeepEqualTo(a.adversarials());
    }

    /** Runs {@code work} while another thread asks for a garbage collection every 50 ms, from before it starts. */
    static <T> T whileCollectingGarbage(Supplier<T> work) {
        CountDownLatch collecting = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        Thread collector = Thread.ofPlatform().daemon().start(() -> {
            while (!done.get()) {
                System.gc();
                collecting.countDown();
                LockSupport.parkNanos(50_000_000);
            }
        });
        try {
            collecting.await();
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            done.set(true);
            LockSupport.unpark(collector);
        }
    }

    @Test
    void ddnAndCarliniWagnerFindSmallerL2PerturbationsThanDeepFool() {
        Outcome deepFool = untargeted(deepFool(Norm.L2));
        Outcome ddn = untargeted(ddn());
        Outcome carliniWagner = untargeted(carliniWagner(true));
        double reference = median(deepFool.norms());
        System.out.printf("median L2 norms: deepfool %.4f, ddn %.4f, carlini-wagner %.4f%n", reference,
                median(ddn.norms()), median(carliniWagner.norms()));
        assertThat(median(ddn.norms())).isLessThanOrEqualTo(reference * 1.1);
        assertThat(median(carliniWagner.norms())).isLessThanOrEqualTo(reference * 1.1);
        for (Outcome outcome : new Outcome[] {deepFool, ddn, carliniWagner}) {
            for (int i = 0; i < SAMPLES; i++) {
                if (Float.isFinite(outcome.norms()[i])) {
                    assertThat((double) outcome.norms()[i])
                            .isGreaterThanOrEqualTo(norm(outcome.adversarials()[i], row(i), Norm.LINF) - 1e-6);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aPerturbationOfNormNFoolsTheModelAtEveryEpsilonFromN(MinimumNormAttack attack) {
        Outcome outcome = untargeted(attack);
        float[] sorted = outcome.norms().clone();
        Arrays.sort(sorted);
        for (double epsilon : new double[] {sorted[20], sorted[50], sorted[80], sorted[80] * 2}) {
            assertThat(epsilon).isFinite();
            // foolbox: the perturbation clipped to norm epsilon; below its norm it is left as it is
            float[][] clipped = new float[SAMPLES][FEATURES];
            int within = 0;
            for (int i = 0; i < SAMPLES; i++) {
                double n = norm(outcome.adversarials()[i], row(i), attack.norm());
                double scale = n <= epsilon ? 1 : epsilon / n;
                float[] clean = row(i);
                for (int j = 0; j < FEATURES; j++) {
                    clipped[i][j] = (float) (clean[j] + scale * (outcome.adversarials()[i][j] - clean[j]));
                }
                within += outcome.norms()[i] <= epsilon ? 1 : 0;
            }
            int[] fooledAs = predict(clipped);
            int fooled = 0;
            for (int i = 0; i < SAMPLES; i++) {
                if (outcome.norms()[i] <= epsilon) {
                    assertThat((long) fooledAs[i]).as("sample %d at epsilon %f", i, epsilon).isNotEqualTo(label(i));
                }
                fooled += fooledAs[i] != label(i) ? 1 : 0;
            }
            assertThat(fooled).isGreaterThanOrEqualTo(within);
        }
    }

    @Test
    void deepFoolDropsEachSampleOnceItIsFooled() {
        DeepFoolAttack attack = (DeepFoolAttack) deepFool(Norm.L2);
        Outcome outcome = run(attack, AttackGoal.untargeted(labels), 1);
        long attacked = SAMPLES - RELABELLED;
        // without early exit every attacked sample would cost steps (50) passes, or as many as the slowest one
        System.out.println("deepfool gradient evaluations: " + attack.gradientSamples() + " for " + attacked
                + " samples");
        assertThat(attack.gradientSamples()).isGreaterThanOrEqualTo(attacked).isLessThan(attacked * 5);

        long[] allWrong = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            allWrong[i] = (predicted[i] + 1) % CLASSES;
        }
        DeepFoolAttack fresh = (DeepFoolAttack) deepFool(Norm.LINF);
        try (NDManager goals = manager.newSubManager()) {
            Outcome none = run(fresh, AttackGoal.untargeted(goals.create(allWrong)), 1);
            assertThat(none.norms()).containsOnly(0f);
        }
        assertThat(fresh.gradientSamples()).as("misclassified samples cost nothing").isZero();
        assertThat(outcome.norms()).doesNotContain(Float.POSITIVE_INFINITY);
    }

    @Test
    void deepFoolCostsEachSampleTheStepsItNeedsAlone() {
        // overshoot 0 lands just past the linearised boundary, so samples need different numbers of steps
        AttackSpec spec = new AttackSpec("l2-deepfool", null, null, null, null, null, null, 0.0, null, null, null,
                null, null, null, null, null, null, null, null, null);
        DeepFoolAttack batch = (DeepFoolAttack) MinimumNormAttacks.of(spec);
        run(batch, AttackGoal.untargeted(labels), 1);
        long alone = 0;
        long slowest = 0;
        try (NoGradScope noGrad = new NoGradScope(); NDManager single = manager.newSubManager()) {
            for (int i = 0; i < SAMPLES; i++) {
                DeepFoolAttack one = (DeepFoolAttack) MinimumNormAttacks.of(spec);
                NDArray x = inputs.get(i + ":" + (i + 1));
                x.attach(single);
                NDArray y = labels.get(i + ":" + (i + 1));
                y.attach(single);
                one.attack(network, x, AttackGoal.untargeted(y), new SplittableRandom(1));
                alone += one.gradientSamples();
                slowest = Math.max(slowest, one.gradientSamples());
            }
        }
        System.out.println("deepfool (overshoot 0) gradient evaluations: " + batch.gradientSamples() + " in a batch, "
                + alone + " one by one, slowest sample " + slowest);
        // a batch that ran until its slowest sample is done would cost samples × slowest
        assertThat(batch.gradientSamples()).isEqualTo(alone);
    }

    @Test
    void carliniWagnerStopsSamplesWhoseLossStopsFalling() {
        CarliniWagnerL2Attack early = (CarliniWagnerL2Attack) MinimumNormAttacks.of(
                spec("l2-carlini-wagner", 50, 2, 0.1, 0.05, true));
        CarliniWagnerL2Attack full = (CarliniWagnerL2Attack) MinimumNormAttacks.of(
                spec("l2-carlini-wagner", 50, 2, 0.1, 0.05, false));
        run(early, AttackGoal.untargeted(labels), 1);
        run(full, AttackGoal.untargeted(labels), 1);
        long attacked = SAMPLES - RELABELLED;
        System.out.println("carlini-wagner gradient evaluations: " + early.gradientSamples() + " with abortEarly, "
                + full.gradientSamples() + " without");
        assertThat(full.gradientSamples()).isEqualTo(attacked * 2 * 50);
        assertThat(early.gradientSamples()).isLessThan(full.gradientSamples());
    }

    @Test
    void ddnAttacksEverySampleForAllItsStepsButSkipsMisclassifiedOnes() {
        DdnAttack attack = (DdnAttack) ddn();
        run(attack, AttackGoal.untargeted(labels), 1);
        assertThat(attack.gradientSamples()).isEqualTo((SAMPLES - RELABELLED) * 100L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targetable")
    void targetedAttacksReachTheTarget(MinimumNormAttack attack) {
        long[] targets = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            targets[i] = (label(i) + 2) % CLASSES;
        }
        try (NDManager goals = manager.newSubManager()) {
            Outcome outcome = run(attack, AttackGoal.targeted(labels, goals.create(targets)), 1);
            int[] reached = predict(outcome.adversarials());
            int hits = 0;
            for (int i = 0; i < SAMPLES; i++) {
                if (Float.isFinite(outcome.norms()[i])) {
                    assertThat((long) reached[i]).as("sample %d", i).isEqualTo(targets[i]);
                    hits++;
                }
            }
            assertThat(hits).isGreaterThanOrEqualTo(90);
        }
    }

    static Stream<MinimumNormAttack> targetable() {
        return Stream.of(ddn(), carliniWagner(true));
    }

    @Test
    void aClaimedAdversarialThatDoesNotFoolTheModelIsReportedAsNotFound() {
        boolean[] reachedWhenClean = new boolean[SAMPLES];
        reachedWhenClean[0] = true;
        try (NoGradScope noGrad = new NoGradScope(); NDManager batch = manager.newSubManager()) {
            NDArray x = inputs.duplicate();
            x.attach(batch);
            BestAdversarials best = BestAdversarials.forBatch(x, reachedWhenClean);
            // rows 5 and 6 claimed adversarial: 5 is its clean input nudged (still correct), 6 a real one
            Outcome real = untargeted(deepFool(Norm.L2));
            float[] nudged = row(5);
            nudged[0] = Math.min(1f, nudged[0] + 0.01f);
            NDArray candidates = batch.create(new float[][] {nudged, real.adversarials()[6]});
            best.offer(new long[] {5, 6}, candidates, new float[] {0.01f, real.norms()[6]},
                    new boolean[] {true, true});

            MinimumNormResult result = best.finish(network, x, AttackGoal.untargeted(labels), Norm.L2);

            float[] flat = result.adversarials().toFloatArray();
            assertThat(result.norms()[0]).isZero();
            assertThat(result.norms()[5]).as("re-predicted: not fooled").isEqualTo(Float.POSITIVE_INFINITY);
            assertThat(Arrays.copyOfRange(flat, 5 * FEATURES, 6 * FEATURES)).isEqualTo(row(5));
            assertThat(result.norms()[6]).isCloseTo(real.norms()[6], within(1e-6f));
            assertThat(result.norms()[7]).isEqualTo(Float.POSITIVE_INFINITY);
        }
    }

    @Test
    void deepFoolRefusesATargetedGoal() {
        assertThatThrownBy(() -> run(deepFool(Norm.L2), AttackGoal.targeted(labels, labels), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("untargeted");
    }

    @Test
    void specsNameTheirAttacksAndParameters() {
        assertThat(deepFool(Norm.LINF).norm()).isEqualTo(Norm.LINF);
        assertThat(deepFool(Norm.L2)).hasToString("l2-deepfool(steps=50, candidates=10, overshoot=0.02, loss=logits)");
        assertThat(ddn()).hasToString("l2-ddn(steps=100, initialEpsilon=1.0, gamma=0.05)");
        assertThat(MinimumNormAttacks.of(AttackSpec.named("l2-carlini-wagner"))).hasToString(
                "l2-carlini-wagner(binarySearchSteps=9, steps=10000, learningRate=0.01, confidence=0.0, "
                        + "initialConst=0.001, abortEarly=true)");
        assertThatThrownBy(() -> MinimumNormAttacks.of(AttackSpec.named("linf-pgd")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
