package io.robustlab.core.evaluation;

import static io.robustlab.core.evaluation.TrainedBlobs.network;
import static io.robustlab.core.evaluation.TrainedBlobs.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import ai.djl.ndarray.NDArray;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.attack.Attack;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.MinimumNormResult;
import io.robustlab.core.model.Network;
import java.util.SplittableRandom;
import io.robustlab.core.attack.MinimumNormAttack;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.TrainedBlobs.Counted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluation stopped after some of its attacks and run again with the same {@link AttackCheckpointFolder} takes
 * the finished attacks' outcomes instead of running them, and gives what an uninterrupted run gives.
 */
class EvaluationResumeTest {

    /** Random starts (PGD) and a minimum-norm attack, so that the attacks after a resumed one draw random numbers. */
    private static final EvaluateSpec SPEC = EvaluationFixtures.spec("""
            "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 5, "relativeStepSize": 0.25},
                        {"name": "l2-ddn", "steps": 10}],
            "epsilons": [{"values": [0, 0.05, 0.1, 0.2]}],
            "weightNoise": {"sigmas": [0.05], "draws": 2}""");

    @TempDir
    Path temp;

    /** Counts the attack runs per attack name (each batch the attack is asked to perturb or attack). */
    private static final class CountingSource implements AttackSource {

        final Map<String, Integer> runs = new ConcurrentHashMap<>();

        @Override
        public boolean isFixedBudget(AttackSpec spec) {
            return FACTORIES.isFixedBudget(spec);
        }

        @Override
        public Attack fixedBudget(AttackSpec spec, double epsilon) {
            Attack attack = FACTORIES.fixedBudget(spec, epsilon);
            return new Attack() {
                @Override
                public NDArray perturb(Network net, NDArray inputs, AttackGoal goal, SplittableRandom random) {
                    runs.merge(spec.name(), 1, Integer::sum);
                    return attack.perturb(net, inputs, goal, random);
                }

                @Override
                public double epsilon() {
                    return attack.epsilon();
                }

                @Override
                public Norm norm() {
                    return attack.norm();
                }
            };
        }

        @Override
        public MinimumNormAttack minimumNorm(AttackSpec spec) {
            MinimumNormAttack attack = FACTORIES.minimumNorm(spec);
            return new MinimumNormAttack() {
                @Override
                public MinimumNormResult attack(Network net, NDArray inputs, AttackGoal goal,
                        SplittableRandom random) {
                    runs.merge(spec.name(), 1, Integer::sum);
                    return attack.attack(net, inputs, goal, random);
                }

                @Override
                public Norm norm() {
                    return attack.norm();
                }
            };
        }
    }

    /** What a run heard and returned. */
    private record Heard(EvaluationResult result, List<CurvePoint> points, List<Counted> counted,
            Map<String, Integer> runs) {
    }

    private static Heard run(EvaluateSpec spec, ExampleSet on, AttackCheckpoints checkpoints,
            java.util.function.BooleanSupplier cancelled) {
        List<CurvePoint> points = new ArrayList<>();
        List<Counted> counted = new ArrayList<>();
        CountingSource source = new CountingSource();
        EvaluationListener listener = new EvaluationListener() {
            @Override
            public void curvePoint(CurvePoint point) {
                points.add(point);
            }
        };
        EvaluationResult result = EvaluationRun.run(spec, network, on, listener, cancelled,
                EvaluationOptions.DEFAULT, source, (curve, epsilon, sample, adversarial) ->
                        counted.add(new Counted(curve, epsilon, sample, adversarial)), checkpoints);
        return new Heard(result, points, counted, source.runs);
    }

    /** Keeps outcomes in a folder and asks the run to stop once {@code stopAfter} attacks are kept. */
    private static final class StoppingCheckpoints implements AttackCheckpoints {

        final AttackCheckpointFolder folder;
        final int stopAfter;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<AttackOutcome> kept = new ArrayList<>();

        StoppingCheckpoints(Path folder, int stopAfter) {
            this.folder = new AttackCheckpointFolder(folder);
            this.stopAfter = stopAfter;
        }

        @Override
        public Optional<AttackOutcome> finished(String evaluation, int index, AttackSpec attack) {
            return folder.finished(evaluation, index, attack);
        }

        @Override
        public void attackFinished(String evaluation, int index, AttackSpec attack, AttackOutcome outcome) {
            folder.attackFinished(evaluation, index, attack, outcome);
            kept.add(outcome);
            stop.set(index + 1 == stopAfter);
        }
    }

    /** The result without its timings, as JSON: curves, bitsets, worst cases, tables, warnings. */
    private static String measured(EvaluationResult r) {
        return EvaluationJson.write(new EvaluationResult(r.specHash(), r.samples(), r.cleanAccuracy(),
                r.cleanCorrect(), r.epsilons(), r.curves(), r.worstCases(), r.corruptions(), r.weightNoise(),
                r.warnings(), null));
    }

    @Test
    void aRunStoppedAfterSomeAttacksResumesToTheResultOfAnUninterruptedRunWithoutRunningThemAgain() {
        Heard straight = run(SPEC, samples, AttackCheckpoints.NONE, () -> false);
        assertThat(straight.runs()).containsOnlyKeys("fgsm", "linf-pgd", "l2-ddn");
        assertThat(straight.result().timings().resumedAttacks()).isEmpty();
        List<String> labels = straight.result().curves().stream().map(RobustnessCurve::label).toList();

        for (int k = 1; k <= 2; k++) {
            Path folder = temp.resolve("after-" + k);
            StoppingCheckpoints stopping = new StoppingCheckpoints(folder, k);
            assertThatThrownBy(() -> run(SPEC, samples, stopping, stopping.stop::get))
                    .isInstanceOf(EvaluationCancelledException.class);
            assertThat(stopping.kept).as("stopped in attack %d", k + 1).hasSize(k);
            assertThat(folder.resolve(AttackCheckpointFolder.fileName(k - 1))).exists();
            assertThat(folder.resolve(AttackCheckpointFolder.fileName(k))).doesNotExist();

            Heard resumed = run(SPEC, samples, new AttackCheckpointFolder(folder), () -> false);

            assertThat(measured(resumed.result())).as("resumed after %d attacks", k)
                    .isEqualTo(measured(straight.result()));
            assertThat(resumed.points()).as("every curve point reported again, in order")
                    .containsExactlyElementsOf(straight.points());
            List<String> resumedLabels = labels.subList(0, k);
            assertThat(resumed.result().timings().resumedAttacks()).containsExactlyElementsOf(resumedLabels);
            for (String name : List.of("fgsm", "linf-pgd", "l2-ddn").subList(0, k)) {
                assertThat(resumed.runs()).as("%s is not run again", name).doesNotContainKey(name);
            }
            for (String name : List.of("fgsm", "linf-pgd", "l2-ddn").subList(k, 3)) {
                assertThat(resumed.runs().get(name)).as("%s runs as often as uninterrupted", name)
                        .isEqualTo(straight.runs().get(name));
            }
            // A resumed attack's cost is the one measured by the run that ran it; the work done is the same.
            assertThat(resumed.result().timings().attacks().subList(0, k))
                    .isEqualTo(stopping.kept.stream().map(AttackOutcome::cost).toList());
            for (int a = 0; a < 3; a++) {
                AttackCost cost = resumed.result().timings().attacks().get(a);
                AttackCost uninterrupted = straight.result().timings().attacks().get(a);
                assertThat(cost.measuredPasses()).isEqualTo(uninterrupted.measuredPasses());
                assertThat(cost.attackPasses()).isEqualTo(uninterrupted.attackPasses());
            }
            assertThat(resumed.result().timings().measuredPassesPerSample())
                    .isEqualTo(straight.result().timings().measuredPassesPerSample());
            // The observer hears the attacks this run ran, exactly as an uninterrupted run reported them.
            List<Counted> expected = straight.counted().stream().filter(c -> !resumedLabels.contains(c.curve()))
                    .toList();
            assertThat(resumed.counted()).extracting(Counted::curve).doesNotContainAnyElementsOf(resumedLabels);
            assertThat(resumed.counted()).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                Counted a = resumed.counted().get(i);
                Counted b = expected.get(i);
                assertThat(List.of(a.curve(), a.epsilon(), a.sample())).isEqualTo(List.of(b.curve(), b.epsilon(),
                        b.sample()));
                assertThat(Arrays.equals(a.adversarial(), b.adversarial())).as("example of %s", a).isTrue();
            }
        }
    }

    @Test
    void keptOutcomesMatchTheStoredCostsOfTheRunThatRanThem() {
        Path folder = temp.resolve("complete");
        StoppingCheckpoints all = new StoppingCheckpoints(folder, 99);
        Heard first = run(SPEC, samples, all, () -> false);
        Heard again = run(SPEC, samples, new AttackCheckpointFolder(folder), () -> false);

        assertThat(again.runs()).as("every attack was kept: none runs").isEmpty();
        assertThat(again.result().timings().attacks()).containsExactlyElementsOf(first.result().timings().attacks());
        assertThat(measured(again.result())).isEqualTo(measured(first.result()));
    }

    @Test
    void checkpointsOfAnotherSpecOrOtherSamplesAreRefused() throws Exception {
        Path folder = temp.resolve("refused");
        run(SPEC, samples, new StoppingCheckpoints(folder, 99), () -> false);
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("attack-00.json", "attack-01.json", "attack-02.json");

        // The same first attack, but PGD with another step count: another spec.
        EvaluateSpec other = EvaluationFixtures.spec("""
                "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 6, "relativeStepSize": 0.25},
                            {"name": "l2-ddn", "steps": 10}],
                "epsilons": [{"values": [0, 0.05, 0.1, 0.2]}],
                "weightNoise": {"sigmas": [0.05], "draws": 2}""");
        assertThatThrownBy(() -> run(other, samples, new AttackCheckpointFolder(folder), () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attack-00.json belongs to another evaluation");

        ExampleSet fewer = samples.select(java.util.stream.IntStream.range(0, 100).toArray());
        assertThatThrownBy(() -> run(SPEC, fewer, new AttackCheckpointFolder(folder), () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attack-00.json belongs to another evaluation");
    }
}
