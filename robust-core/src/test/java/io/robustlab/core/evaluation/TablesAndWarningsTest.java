package io.robustlab.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.SavedModel;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingFixtures;
import io.robustlab.core.train.TrainingRun;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesAndWarningsTest {

    static NDManager manager;
    static Network images;
    static Dataset quadrants;

    @BeforeAll
    static void train(@TempDir Path workDir) throws Exception {
        quadrants = TrainingFixtures.quadrants(200, 60, new long[] {1, 28, 28}, 2);
        manager = NDManager.newBaseManager();
        images = SavedModel.load(TrainingRun.run(TrainingFixtures.spec(
                new DatasetSpec("mnist", 200, 100, 0L, null, null, null, null, null), TrainingFixtures.mlp(32),
                TrainingFixtures.adam(0.01), TrainingFixtures.STANDARD, 2, 20, 1), quadrants, workDir,
                EpochListener.NONE).modelFolder(), manager);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static EvaluateSpec imageSpec(String members) {
        return (EvaluateSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"path": "unused"},
                 "dataset": {"name": "mnist"}, "samples": 60, "batchSize": 25, "seed": 4, %s}
                """.formatted(members));
    }

    static List<byte[]> parameterBytes(Network network) {
        return network.parameterArrays().stream().map(NDArray::toByteArray).toList();
    }

    @Test
    void theCorruptionTableHasEveryNameAndSeverityAndIsTheSameOnEveryRun() {
        EvaluateSpec spec = imageSpec("""
                "corruptions": {"names": ["gaussian-noise", "contrast"], "severities": [1, 5]}""");
        List<CorruptionRow> heard = new ArrayList<>();
        EvaluationListener listener = new EvaluationListener() {
            @Override
            public void corruptionRow(CorruptionRow row) {
                heard.add(row);
            }
        };

        EvaluationResult first = EvaluationRun.run(spec, images, quadrants.test(), listener, () -> false);
        EvaluationResult second = EvaluationRun.run(spec, images, quadrants.test(), EvaluationListener.NONE,
                () -> false);

        assertThat(first.corruptions().rows()).extracting(r -> r.corruption() + "/" + r.severity())
                .containsExactly("gaussian-noise/1", "gaussian-noise/5", "contrast/1", "contrast/5");
        assertThat(heard).isEqualTo(first.corruptions().rows());
        assertThat(second.corruptions()).isEqualTo(first.corruptions());
        assertThat(first.corruptions().meanAccuracy()).isEqualTo(
                first.corruptions().rows().stream().mapToDouble(CorruptionRow::accuracy).average().orElseThrow());
        assertThat(first.curves()).isEmpty();
        assertThat(first.weightNoise()).isEmpty();
    }

    @Test
    void weightNoiseLowersAccuracyWithSigmaAndRestoresEveryParameterBitForBit() {
        List<byte[]> before = parameterBytes(images);
        EvaluationResult result = EvaluationRun.run(imageSpec("""
                "weightNoise": {"sigmas": [0.01, 4.0], "draws": 3}"""), images, quadrants.test(),
                EvaluationListener.NONE, () -> false);

        assertThat(parameterBytes(images)).containsExactlyElementsOf(before);
        List<WeightNoiseRow> rows = result.weightNoise();
        assertThat(rows).extracting(WeightNoiseRow::sigma).containsExactly(0.01, 4.0);
        assertThat(rows.get(0).accuracies()).hasSize(3);
        assertThat(rows.get(1).meanAccuracy()).isLessThan(rows.get(0).meanAccuracy() - 0.2);
        assertThat(rows.get(1).stdAccuracy()).isGreaterThanOrEqualTo(0);
        assertThat(rows.get(0).meanAccuracy()).isCloseTo(result.cleanAccuracy(), Offset.offset(0.05));
    }

    @Test
    void weightNoiseRestoresTheParametersWhenTheRunStopsMidway() {
        List<byte[]> before = parameterBytes(images);
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> EvaluationRun.run(imageSpec("""
                "weightNoise": {"sigmas": [0.5], "draws": 4}"""), images, quadrants.test(), EvaluationListener.NONE,
                () -> checks.incrementAndGet() > 2)).isInstanceOf(EvaluationCancelledException.class);

        assertThat(checks.get()).isEqualTo(3);
        assertThat(parameterBytes(images)).containsExactlyElementsOf(before);
    }

    @Test
    void aNetworkWithDeadUnitsRaisesZeroGradientAndNoConvergence() {
        try (NDManager own = NDManager.newBaseManager()) {
            Network dead = Network.build(TrainingFixtures.mlp(16), new long[] {20}, 3, own);
            dead.initialize(new SplittableRandom(1));
            // Every hidden ReLU is off for inputs in [0,1]: the output is the last bias, whatever the input.
            NDArray hiddenBias = dead.parameterArrays().get(1);
            float[] negative = new float[16];
            java.util.Arrays.fill(negative, -100f);
            hiddenBias.set(FloatBuffer.wrap(negative));

            EvaluationResult result = EvaluationRun.run(EvaluationFixtures.spec("""
                    "attacks": [{"name": "fgsm"}], "epsilons": [{"values": [0, 0.1, 0.3]}]"""), dead,
                    EvaluationFixtures.blobs().test(), EvaluationListener.NONE, () -> false);

            assertThat(result.warnings()).extracting(EvaluationWarning::code)
                    .contains(EvaluationWarning.ZERO_GRADIENT);
            if (result.cleanAccuracy() > RobustnessWarnings.CONVERGED_ACCURACY) {
                assertThat(result.warnings()).extracting(EvaluationWarning::code)
                        .contains(EvaluationWarning.NO_CONVERGENCE);
            }
            assertThat(result.curves().getFirst().robustAccuracy()).containsOnly(result.cleanAccuracy());
        }
    }

    @Test
    void listenerHearsEveryCurvePointAndProgressReachesOne() {
        List<CurvePoint> points = new ArrayList<>();
        List<Double> progress = new ArrayList<>();
        EvaluationRun.run(imageSpec("""
                "attacks": [{"name": "fgsm"}], "epsilons": [{"values": [0, 0.1]}],
                "weightNoise": {"sigmas": [0.1], "draws": 1}"""), images, quadrants.test(), new EvaluationListener() {
                    @Override
                    public void curvePoint(CurvePoint point) {
                        points.add(point);
                    }

                    @Override
                    public void progress(double fraction) {
                        progress.add(fraction);
                    }
                }, () -> false);

        assertThat(points).extracting(p -> p.curve() + "@" + p.epsilon()).containsExactly(
                "fgsm (L∞)@0.0", "fgsm (L∞)@0.1", "worst-case L∞@0.0", "worst-case L∞@0.1",
                "worst-case (all attacks)@0.0", "worst-case (all attacks)@0.1");
        assertThat(progress).isSorted();
        assertThat(progress.getLast()).isEqualTo(1.0);
    }
}
