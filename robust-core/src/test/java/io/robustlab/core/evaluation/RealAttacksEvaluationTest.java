package io.robustlab.core.evaluation;

import static io.robustlab.core.evaluation.TrainedBlobs.network;
import static io.robustlab.core.evaluation.TrainedBlobs.predict;
import static io.robustlab.core.evaluation.TrainedBlobs.run;
import static io.robustlab.core.evaluation.TrainedBlobs.samples;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.attack.Attack;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.MinimumNormAttack;
import io.robustlab.core.attack.MinimumNormResult;
import io.robustlab.core.model.Network;
import io.robustlab.core.evaluation.TrainedBlobs.Counted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The engine with the attack package's real attacks (no stand-ins), on a tiny trained MLP. */
class RealAttacksEvaluationTest {

    private static final int D = 20;

    /** The real minimum-norm attacks, with every adversarial batch they return kept in order. */
    private static final class RecordingSource implements AttackSource {
        final List<float[]> returned = new ArrayList<>();

        @Override
        public boolean isFixedBudget(AttackSpec spec) {
            return FACTORIES.isFixedBudget(spec);
        }

        @Override
        public Attack fixedBudget(AttackSpec spec, double epsilon) {
            return FACTORIES.fixedBudget(spec, epsilon);
        }

        @Override
        public MinimumNormAttack minimumNorm(AttackSpec spec) {
            MinimumNormAttack real = FACTORIES.minimumNorm(spec);
            return new MinimumNormAttack() {
                @Override
                public Norm norm() {
                    return real.norm();
                }

                @Override
                public MinimumNormResult attack(Network network, NDArray inputs, AttackGoal goal,
                        SplittableRandom random) {
                    MinimumNormResult result = real.attack(network, inputs, goal, random);
                    returned.add(result.adversarials().toFloatArray());
                    return result;
                }
            };
        }
    }

    @Test
    void realL2DeepFoolAndDdnCurvesEqualClippedPerturbationsReRunAtEachEpsilon() {
        for (String attack : List.of("{\"name\": \"l2-deepfool\", \"steps\": 10}",
                "{\"name\": \"l2-ddn\", \"steps\": 10}")) {
            RecordingSource source = new RecordingSource();
            EvaluationResult result = run(EvaluationFixtures.spec("""
                    "attacks": [%s], "epsilons": [{"values": [0, 0.1, 0.3, 0.6, 1.2]}]""".formatted(attack)),
                    EvaluationOptions.DEFAULT, source, new ArrayList<>());
            RobustnessCurve curve = result.curves().getFirst();
            BitSet cleanCorrect = SampleBits.decode(result.cleanCorrect());
            float[] returned = concat(source.returned);
            assertThat(returned).hasSize(cleanCorrect.cardinality() * D);
            assertThat(curve.robustAccuracy()[4]).as(curve.label()).isLessThan(curve.robustAccuracy()[0]);
            for (int k = 0; k < result.epsilons().length; k++) {
                double epsilon = result.epsilons()[k];
                int broken = samples.size() - cleanCorrect.cardinality();
                for (int i = 0; i < samples.size(); i++) {
                    Double n = curve.norms().get(i);
                    if (!cleanCorrect.get(i) || n == null || epsilon == 0) {
                        continue;
                    }
                    int rank = cleanCorrect.get(0, i).cardinality();
                    if (predict(clipPerturbation(epsilon, i, Arrays.copyOfRange(returned, rank * D,
                            rank * D + D))) != samples.labels()[i]) {
                        broken++;
                    }
                }
                assertThat(curve.brokenAt(k).cardinality()).as(curve.label() + " at " + epsilon).isEqualTo(broken);
            }
        }
    }

    /** foolbox's {@code clip_perturbation} for L2, written out again: δ scaled down to norm ε, in the [0,1] box. */
    private static float[] clipPerturbation(double epsilon, int sample, float[] adversarial) {
        float[] clean = Arrays.copyOfRange(samples.features(), sample * D, sample * D + D);
        double squared = 0;
        for (int j = 0; j < D; j++) {
            squared += ((double) adversarial[j] - clean[j]) * ((double) adversarial[j] - clean[j]);
        }
        double factor = Math.min(1, epsilon / Math.sqrt(squared));
        float[] clipped = new float[D];
        for (int j = 0; j < D; j++) {
            clipped[j] = (float) Math.max(0, Math.min(1, clean[j] + ((double) adversarial[j] - clean[j]) * factor));
        }
        return clipped;
    }

    private static float[] concat(List<float[]> batches) {
        float[] all = new float[batches.stream().mapToInt(b -> b.length).sum()];
        int filled = 0;
        for (float[] batch : batches) {
            System.arraycopy(batch, 0, all, filled, batch.length);
            filled += batch.length;
        }
        return all;
    }

    @Test
    void realWorstCaseIsBelowEveryCurveNeverRisesAndEverySuccessIsReallyAdversarial() {
        List<Counted> counted = new ArrayList<>();
        EvaluationResult result = run(EvaluationFixtures.spec("""
                "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 10, "relativeStepSize": 0.25},
                            {"name": "linf-uniform-noise"}, {"name": "linf-deepfool", "steps": 10}],
                "epsilons": [{"values": [0, 0.02, 0.05, 0.1, 0.2, 0.3]}]"""), EvaluationOptions.DEFAULT,
                AttackSource.FACTORIES, counted);

        RobustnessCurve worst = result.curve("worst-case (all attacks)");
        assertThat(result.curve("worst-case L∞").robustAccuracy()).containsExactly(worst.robustAccuracy());
        for (int k = 0; k < result.epsilons().length; k++) {
            for (RobustnessCurve curve : result.curves()) {
                assertThat(worst.robustAccuracy()[k]).as(curve.label() + " at " + result.epsilons()[k])
                        .isLessThanOrEqualTo(curve.robustAccuracy()[k]);
                assertThat(worst.brokenAt(k).stream()).containsAll(curve.brokenAt(k).stream().boxed().toList());
            }
            if (k > 0) {
                assertThat(worst.robustAccuracy()[k]).isLessThanOrEqualTo(worst.robustAccuracy()[k - 1]);
            }
        }
        assertThat(worst.robustAccuracy()[5]).isLessThan(worst.robustAccuracy()[0]);
        // Every success the engine counted, re-predicted here from the example it stored, inside its budget.
        assertThat(counted).isNotEmpty();
        assertThat(counted.stream().map(Counted::curve).distinct()).contains("fgsm (L∞)", "linf-pgd (L∞)",
                "linf-deepfool (L∞)");
        for (Counted success : counted) {
            float[] clean = Arrays.copyOfRange(samples.features(), success.sample() * D, success.sample() * D + D);
            assertThat(predict(success.adversarial())).as(success.curve() + " sample " + success.sample())
                    .isNotEqualTo(samples.labels()[success.sample()]);
            assertThat(SweepContext.norm(Norm.LINF, success.adversarial(), clean, 0, D))
                    .isLessThanOrEqualTo(success.epsilon() + 1e-6);
        }
        // Each curve's successes at ε are exactly the samples newly broken there (clean-misclassified aside).
        BitSet cleanCorrect = SampleBits.decode(result.cleanCorrect());
        for (RobustnessCurve curve : result.curves()) {
            long successes = counted.stream().filter(c -> c.curve().equals(curve.label())).count();
            BitSet last = curve.brokenAt(result.epsilons().length - 1);
            last.and(cleanCorrect);
            assertThat(successes).as(curve.label()).isEqualTo(last.cardinality());
        }
    }

    @Test
    void realNoiseDoesNotBeatGradientAttacksOnANormalModel() {
        EvaluationResult result = run(EvaluationFixtures.spec("""
                "attacks": [{"name": "linf-uniform-noise", "repeats": 3}, {"name": "fgsm"},
                            {"name": "linf-pgd", "steps": 10, "relativeStepSize": 0.25},
                            {"name": "l2-gaussian-noise", "repeats": 3}, {"name": "l2-pgd", "steps": 10}],
                "epsilons": [{"values": [0, 0.05, 0.1, 0.3, 0.6, 1.0]}]"""), EvaluationOptions.DEFAULT,
                AttackSource.FACTORIES, new ArrayList<>());

        assertThat(result.warnings()).extracting(EvaluationWarning::code)
                .doesNotContain(EvaluationWarning.NOISE_BEATS_GRADIENT, EvaluationWarning.ZERO_GRADIENT);
        // Not vacuous: the gradient attacks do break samples that noise leaves alone.
        assertThat(result.curve("linf-pgd (L∞)").robustAccuracy()[3])
                .isLessThan(result.curve("linf-uniform-noise (L∞)").robustAccuracy()[3]);
    }

    @Test
    void measuredPassesSeeEarlyExitAndEqualTheSpecsWithoutIt() {
        EvaluateSpec spec = EvaluationFixtures.spec("""
                "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 10, "relativeStepSize": 0.25},
                            {"name": "l2-deepfool", "steps": 10}],
                "epsilons": [{"values": [0, 0.1, 0.3]}]""");
        EvaluationResult early = run(spec, EvaluationOptions.DEFAULT, AttackSource.FACTORIES, new ArrayList<>());
        EvaluationResult every = run(spec, new EvaluationOptions(false, false), AttackSource.FACTORIES,
                new ArrayList<>());

        for (int a = 0; a < 2; a++) { // fixed-budget, every sample every step: exactly what the spec says
            AttackCost cost = every.timings().attacks().get(a);
            assertThat(cost.measuredPasses()).as(cost.curve()).isEqualTo(cost.attackPasses()).isPositive();
        }
        AttackCost pgd = early.timings().attacks().get(1);
        assertThat(pgd.measuredPasses()).isPositive().isLessThan(pgd.attackPasses());
        AttackCost deepFool = early.timings().attacks().get(2);
        assertThat(deepFool.measuredPasses()).isPositive().isLessThan(deepFool.attackPasses());
        assertThat(early.timings().measuredPassesPerSample()).isLessThan(early.timings().attackPassesPerSample())
                .isLessThan(every.timings().measuredPassesPerSample());
        assertThat(every.timings().earlyExit()).isFalse();
    }
}
