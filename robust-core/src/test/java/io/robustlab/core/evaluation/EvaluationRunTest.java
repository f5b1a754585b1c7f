package io.robustlab.core.evaluation;

import static io.robustlab.core.evaluation.TrainedBlobs.network;
import static io.robustlab.core.evaluation.TrainedBlobs.predict;
import static io.robustlab.core.evaluation.TrainedBlobs.run;
import static io.robustlab.core.evaluation.TrainedBlobs.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.attack.Attack;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.MinimumNormAttack;
import io.robustlab.core.model.Network;
import io.robustlab.core.evaluation.TrainedBlobs.Counted;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluationRunTest {

    static final String GRADIENT_ATTACKS = """
            "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 10, "relativeStepSize": 0.25}],
            "epsilons": [{"values": [0, 0.02, 0.05, 0.1, 0.2, 0.3]}]""";

    @Test
    void curvesStartAtCleanAccuracyNeverRiseAndTheWorstCaseIsBelowEveryAttack() {
        List<Counted> counted = new ArrayList<>();
        EvaluationResult result = run(EvaluationFixtures.spec(GRADIENT_ATTACKS), EvaluationOptions.DEFAULT,
                AttackSource.FACTORIES, counted);

        assertThat(result.cleanAccuracy()).isGreaterThan(0.8);
        assertThat(result.epsilons()).containsExactly(0, 0.02, 0.05, 0.1, 0.2, 0.3);
        RobustnessCurve worst = result.curve("worst-case L∞");
        assertThat(result.worstCases()).extracting(RobustnessCurve::label)
                .containsExactly("worst-case L∞", "worst-case (all attacks)");
        for (RobustnessCurve curve : result.curves()) {
            double[] accuracy = curve.robustAccuracy();
            assertThat(accuracy[0]).as(curve.label()).isEqualTo(result.cleanAccuracy());
            for (int k = 1; k < accuracy.length; k++) {
                assertThat(accuracy[k]).as(curve.label() + " at " + k).isLessThanOrEqualTo(accuracy[k - 1]);
                assertThat(worst.robustAccuracy()[k]).isLessThanOrEqualTo(accuracy[k]);
            }
        }
        assertThat(result.curve("linf-pgd (L∞)").robustAccuracy()[5]).as("PGD at 0.3 breaks the blobs model")
                .isLessThan(result.cleanAccuracy() / 2);
        // Every success the engine counted was re-predicted on the example it stored, inside the ball and the box.
        assertThat(counted).isNotEmpty();
        for (Counted success : counted) {
            float[] clean = java.util.Arrays.copyOfRange(samples.features(), success.sample() * 20,
                    success.sample() * 20 + 20);
            assertThat(SweepContext.norm(Norm.LINF, success.adversarial(), clean, 0, 20))
                    .isLessThanOrEqualTo(success.epsilon() + 1e-6);
            assertThat(predict(success.adversarial())).isNotEqualTo(samples.labels()[success.sample()]);
        }
        // Each counted success is exactly one newly broken sample of its curve.
        for (RobustnessCurve curve : result.curves()) {
            for (int k = 1; k < result.epsilons().length; k++) {
                BitSet added = curve.brokenAt(k);
                added.andNot(curve.brokenAt(k - 1));
                double epsilon = result.epsilons()[k];
                assertThat(counted.stream().filter(c -> c.curve().equals(curve.label()) && c.epsilon() == epsilon)
                        .count()).isEqualTo(added.cardinality());
            }
        }
        assertThat(result.timings().attacks()).hasSize(2);
        assertThat(result.specHash()).hasSize(64);
    }

    @Test
    void nestedReuseGivesSupersetsOfBrokenSamplesAtLessCost() {
        // Deterministic attacks: with random starts the two runs draw different starts for a sample (its batch
        // differs), so a sample may fall to one run's draw and not the other's.
        EvaluateSpec spec = EvaluationFixtures.spec("""
                "attacks": [{"name": "fgsm"},
                            {"name": "linf-pgd", "steps": 10, "relativeStepSize": 0.25, "randomStart": false}],
                "epsilons": [{"values": [0, 0.02, 0.05, 0.1, 0.2, 0.3]}]""");
        EvaluationResult reused = run(spec, EvaluationOptions.DEFAULT, AttackSource.FACTORIES, new ArrayList<>());
        EvaluationResult everySample = run(spec, new EvaluationOptions(false), AttackSource.FACTORIES,
                new ArrayList<>());

        for (int a = 0; a < reused.curves().size(); a++) {
            RobustnessCurve on = reused.curves().get(a);
            RobustnessCurve off = everySample.curves().get(a);
            for (int k = 0; k < reused.epsilons().length; k++) {
                BitSet missing = off.brokenAt(k);
                missing.andNot(on.brokenAt(k));
                assertThat(missing.isEmpty()).as(on.label() + " at " + reused.epsilons()[k]).isTrue();
                if (k > 0) {
                    BitSet lost = on.brokenAt(k - 1);
                    lost.andNot(on.brokenAt(k));
                    assertThat(lost.isEmpty()).isTrue();
                }
            }
            assertThat(reused.timings().attacks().get(a).attackPasses())
                    .isLessThan(everySample.timings().attacks().get(a).attackPasses());
        }
        assertThat(reused.timings().attackPassesPerSample()).isLessThan(everySample.timings().attackPassesPerSample());
    }

    /** A source whose minimum-norm attacks are {@code attack}. */
    static AttackSource withMinimumNorm(MinimumNormAttack attack) {
        return new AttackSource() {
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
                return attack;
            }
        };
    }

    @Test
    void aMinimumNormCurveIsTheUnionOfReRunFixedBudgetChecks() {
        List<Counted> counted = new ArrayList<>();
        LineSearchAttack lineSearch = new LineSearchAttack();
        EvaluationResult result = run(EvaluationFixtures.spec("""
                "attacks": [{"name": "fgsm"}, {"name": "l2-ddn"}],
                "epsilons": [{"values": [0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6]}]"""), EvaluationOptions.DEFAULT,
                withMinimumNorm(lineSearch), counted);

        RobustnessCurve ddn = result.curve("l2-ddn (L2)");
        assertThat(ddn.kind()).isEqualTo(RobustnessCurve.MINIMUM_NORM);
        assertThat(ddn.norms()).hasSize(samples.size());
        assertThat(ddn.robustAccuracy()[0]).isEqualTo(result.cleanAccuracy());
        assertThat(ddn.robustAccuracy()[6]).isLessThan(ddn.robustAccuracy()[1]);
        BitSet cleanCorrect = SampleBits.decode(result.cleanCorrect());
        // The attack ran once, on the clean-correct samples in ascending order.
        float[] returned = new float[cleanCorrect.cardinality() * 20];
        int filled = 0;
        for (float[] batch : lineSearch.returned) {
            System.arraycopy(batch, 0, returned, filled, batch.length);
            filled += batch.length;
        }
        assertThat(filled).isEqualTo(returned.length);
        BitSet union = new BitSet();
        for (int k = 0; k < result.epsilons().length; k++) {
            double epsilon = result.epsilons()[k];
            // The fixed-ε check done from scratch: restrict each stored perturbation to ε and predict again.
            for (int i = 0; i < samples.size(); i++) {
                if (!cleanCorrect.get(i)) {
                    union.set(i);
                    continue;
                }
                Double n = ddn.norms().get(i);
                if (n == null || epsilon == 0) {
                    continue;
                }
                int rank = cleanCorrect.get(0, i).cardinality();
                float[] restricted = new float[20];
                MinimumNormSweep.restrict(Norm.L2, epsilon, samples.features(), adversarialAt(returned, rank, i),
                        i * 20, 20, restricted, 0);
                if (predict(restricted) != samples.labels()[i]) {
                    union.set(i);
                }
            }
            assertThat(ddn.brokenAt(k)).as("at " + epsilon).isEqualTo(union);
        }
        assertThat(result.worstCases()).extracting(RobustnessCurve::label)
                .containsExactly("worst-case L∞", "worst-case L2", "worst-case (all attacks, mixed norms)");
        for (Counted success : counted.stream().filter(c -> c.curve().equals(ddn.label())).toList()) {
            float[] clean = java.util.Arrays.copyOfRange(samples.features(), success.sample() * 20,
                    success.sample() * 20 + 20);
            assertThat(SweepContext.norm(Norm.L2, success.adversarial(), clean, 0, 20))
                    .isLessThanOrEqualTo(success.epsilon() + 1e-6);
        }
    }

    /** The adversarial of the sample ranked {@code rank}, placed at sample i's offset of a features-sized array. */
    private static float[] adversarialAt(float[] returned, int rank, int sample) {
        float[] placed = new float[samples.features().length];
        System.arraycopy(returned, rank * 20, placed, sample * 20, 20);
        return placed;
    }

    @Test
    void anAttackLeavingItsBudgetStopsTheRunNamingIt() {
        AttackSource cheating = new AttackSource() {
            @Override
            public boolean isFixedBudget(AttackSpec spec) {
                return true;
            }

            @Override
            public Attack fixedBudget(AttackSpec spec, double epsilon) {
                Attack honest = FACTORIES.fixedBudget(spec, 2 * epsilon);
                return new Attack() {
                    @Override
                    public NDArray perturb(Network net, NDArray inputs, AttackGoal goal, SplittableRandom random) {
                        return honest.perturb(net, inputs, goal, random);
                    }

                    @Override
                    public double epsilon() {
                        return epsilon;
                    }

                    @Override
                    public Norm norm() {
                        return Norm.LINF;
                    }
                };
            }

            @Override
            public MinimumNormAttack minimumNorm(AttackSpec spec) {
                throw new AssertionError();
            }
        };

        assertThatThrownBy(() -> run(EvaluationFixtures.spec(GRADIENT_ATTACKS), EvaluationOptions.DEFAULT, cheating,
                new ArrayList<>())).isInstanceOf(IllegalStateException.class).hasMessageContaining("fgsm (L∞)")
                .hasMessageContaining("above its budget");
    }

    @Test
    void curvesAndBitsetsSurviveJsonAndRecombineIntoTheSameWorstCase() {
        EvaluationResult result = run(EvaluationFixtures.spec(GRADIENT_ATTACKS), EvaluationOptions.DEFAULT,
                AttackSource.FACTORIES, new ArrayList<>());

        EvaluationResult read = EvaluationJson.read(EvaluationJson.write(result));

        assertThat(read.epsilons()).isEqualTo(result.epsilons());
        for (int a = 0; a < result.curves().size(); a++) {
            assertThat(read.curves().get(a).robustAccuracy()).isEqualTo(result.curves().get(a).robustAccuracy());
            assertThat(read.curves().get(a).broken()).isEqualTo(result.curves().get(a).broken());
        }
        RobustnessCurve recombined = RobustnessCurve.worstCase("worst-case L∞", "L∞", read.curves(), read.samples());
        assertThat(recombined.robustAccuracy()).isEqualTo(result.curve("worst-case L∞").robustAccuracy());
        RobustnessCurve pgdOnly = RobustnessCurve.worstCase("pgd", "L∞", List.of(read.curves().get(1)),
                read.samples());
        assertThat(pgdOnly.robustAccuracy()).isEqualTo(result.curves().get(1).robustAccuracy());
    }

    @Test
    void anIterativeAttackWithTooSmallAStepIsReportedWeakerThanFgsm() {
        EvaluationResult result = run(EvaluationFixtures.spec("""
                "attacks": [{"name": "fgsm"},
                            {"name": "linf-pgd", "steps": 20, "stepSize": 0.0005, "randomStart": false}],
                "epsilons": [{"values": [0, 0.1, 0.2]}]"""), EvaluationOptions.DEFAULT, AttackSource.FACTORIES,
                new ArrayList<>());

        assertThat(result.warnings()).extracting(EvaluationWarning::code)
                .contains(EvaluationWarning.ITERATIVE_WEAKER_THAN_FGSM)
                .doesNotContain(EvaluationWarning.ZERO_GRADIENT);
    }

    @Test
    void aNoiseAttackBeatingAGradientAttackOfItsNormIsReported() {
        // Stand-in until the noise attacks are merged: "linf-uniform-noise" is run as FGSM, which beats a PGD
        // whose steps barely move.
        AttackSource noiseAsFgsm = new AttackSource() {
            @Override
            public boolean isFixedBudget(AttackSpec spec) {
                return true;
            }

            @Override
            public Attack fixedBudget(AttackSpec spec, double epsilon) {
                return spec.name().equals("linf-uniform-noise")
                        ? FACTORIES.fixedBudget(AttackSpec.named("fgsm").withDefaults(), epsilon)
                        : FACTORIES.fixedBudget(spec, epsilon);
            }

            @Override
            public MinimumNormAttack minimumNorm(AttackSpec spec) {
                throw new AssertionError();
            }
        };

        EvaluationResult result = run(EvaluationFixtures.spec("""
                "attacks": [{"name": "linf-uniform-noise"},
                            {"name": "linf-pgd", "steps": 2, "stepSize": 0.0005, "randomStart": false}],
                "epsilons": [{"values": [0, 0.1, 0.2]}]"""), EvaluationOptions.DEFAULT, noiseAsFgsm,
                new ArrayList<>());

        assertThat(result.warnings()).extracting(EvaluationWarning::code)
                .containsExactly(EvaluationWarning.NOISE_BEATS_GRADIENT);
        assertThat(result.warnings().getFirst().message()).contains("linf-uniform-noise (L∞)")
                .contains("linf-pgd (L∞)");
    }

    @Test
    void aWellTunedSweepRaisesNoIterativeWarning() {
        EvaluationResult result = run(EvaluationFixtures.spec(GRADIENT_ATTACKS), EvaluationOptions.DEFAULT,
                AttackSource.FACTORIES, new ArrayList<>());

        assertThat(result.warnings()).extracting(EvaluationWarning::code)
                .doesNotContain(EvaluationWarning.ITERATIVE_WEAKER_THAN_FGSM, EvaluationWarning.ZERO_GRADIENT);
    }

    @Test
    void cancellingStopsTheRun() {
        assertThatThrownBy(() -> EvaluationRun.run(EvaluationFixtures.spec(GRADIENT_ATTACKS), network, samples,
                EvaluationListener.NONE, () -> true)).isInstanceOf(EvaluationCancelledException.class);
    }
}
