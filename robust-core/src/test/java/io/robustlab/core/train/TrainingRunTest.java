package io.robustlab.core.train;

import static io.robustlab.core.train.TrainingFixtures.STANDARD;
import static io.robustlab.core.train.TrainingFixtures.adam;
import static io.robustlab.core.train.TrainingFixtures.blobs;
import static io.robustlab.core.train.TrainingFixtures.mlp;
import static io.robustlab.core.train.TrainingFixtures.sgd;
import static io.robustlab.core.train.TrainingFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.ActivationSpec;
import io.robustlab.contracts.spec.LearningRateSchedule;
import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.contracts.spec.ModelSpec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.SavedModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

class TrainingRunTest {

    static final Dataset BLOBS = blobs(600, 300, 20, 3, 0.1, 11);
    static final LearningRateSchedule STEP = new LearningRateSchedule("step", 1, 0.5, null);

    @TempDir
    Path workDir;

    static float[][] parameters(Path modelFolder) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            return SavedModel.load(modelFolder, manager).parameterArrays().stream()
                    .map(NDArray::toFloatArray).toArray(float[][]::new);
        }
    }

    /** Everything but the timings. */
    static List<List<Double>> withoutTimings(List<EpochMetrics> epochs) {
        return epochs.stream().map(m -> List.of((double) m.epoch(), m.learningRate(), m.trainLoss(),
                m.trainAccuracy(), m.testLoss(), m.testAccuracy())).toList();
    }

    @Test
    void sgdLearnsSeparableBlobs() throws IOException {
        List<EpochMetrics> heard = new ArrayList<>();
        TrainingResult result = TrainingRun.run(spec(mlp(32), sgd(0.1, 0.9, 0, TrainingFixtures.CONSTANT),
                STANDARD, 4, 20, 1), BLOBS, workDir, heard::add);

        assertThat(heard).isEqualTo(result.epochs()).hasSize(4);
        assertThat(result.lastEpoch().testAccuracy()).isGreaterThan(0.9);
        assertThat(result.lastEpoch().trainLoss()).isLessThan(result.epochs().getFirst().trainLoss());
        assertThat(result.lastEpoch().samplesPerSecond()).isPositive();
        assertThat(result.parameterCount()).isEqualTo(20 * 32 + 32 + 32 * 3 + 3);
        assertThat(result.modelFolder().resolve("weights.npz")).exists();
        try (var checkpoints = Files.list(result.checkpointFolder())) {
            assertThat(checkpoints.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("epoch-0003", "epoch-0004");
        }
    }

    @Test
    void adamLearnsSeparableBlobs() throws IOException {
        TrainingResult result = TrainingRun.run(spec(mlp(32), adam(0.01), STANDARD, 4, 20, 1), BLOBS, workDir,
                EpochListener.NONE);

        assertThat(result.lastEpoch().testAccuracy()).isGreaterThan(0.9);
    }

    @Test
    void sigmoidMseHeadTrains() throws IOException {
        ModelSpec model = new ModelSpec("mlp", List.of(32), null, null, TrainingFixtures.RELU, "sigmoid-mse");
        TrainingResult result = TrainingRun.run(spec(model, sgd(0.5, 0.9, 0, TrainingFixtures.CONSTANT), STANDARD,
                5, 20, 1), BLOBS, workDir, EpochListener.NONE);

        assertThat(result.lastEpoch().testAccuracy()).isGreaterThan(0.9);
        assertThat(result.lastEpoch().trainLoss()).isLessThan(result.epochs().getFirst().trainLoss());
    }

    @Test
    void convolutionalNetworksTrainOnTinyImages() throws IOException {
        ActivationSpec maxout = new ActivationSpec("maxout", null, null, null, 2);
        TrainingResult lenet = TrainingRun.run(spec(new DatasetSpec("mnist", 200, 100, 0L, null, null, null, null, null),
                        new ModelSpec("lenet", null, 1, null, maxout,
                        "softmax-cross-entropy"), adam(0.01), TrainingFixtures.pgd(0.02, 2, 0.5), 3, 20, 1),
                TrainingFixtures.quadrants(200, 100, new long[] {1, 28, 28}, 2), workDir.resolve("lenet"),
                EpochListener.NONE);
        TrainingResult vgg = TrainingRun.run(spec(new DatasetSpec("cifar10", 200, 100, 0L, null, null, null, null, null),
                        new ModelSpec("vgg", null, null, List.of(4, 8),
                        TrainingFixtures.RELU, "softmax-cross-entropy"), adam(0.01), STANDARD, 3, 20, 1),
                TrainingFixtures.quadrants(200, 100, new long[] {3, 32, 32}, 2), workDir.resolve("vgg"),
                EpochListener.NONE);

        assertThat(lenet.lastEpoch().testAccuracy()).isGreaterThan(0.8);
        assertThat(vgg.lastEpoch().testAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void sameSeedGivesBitIdenticalRunsAndAnotherSeedDoesNot() throws IOException {
        TrainSpec spec = spec(mlp(16), sgd(0.05, 0.9, 1e-3, STEP), STANDARD, 2, 25, 5);
        TrainingResult first = TrainingRun.run(spec, BLOBS, workDir.resolve("a"), EpochListener.NONE);
        TrainingResult second = TrainingRun.run(spec, BLOBS, workDir.resolve("b"), EpochListener.NONE);
        TrainingResult other = TrainingRun.run(spec(mlp(16), sgd(0.05, 0.9, 1e-3, STEP), STANDARD, 2, 25, 6), BLOBS,
                workDir.resolve("c"), EpochListener.NONE);

        assertThat(parameters(second.modelFolder())).isDeepEqualTo(parameters(first.modelFolder()));
        assertThat(withoutTimings(second.epochs())).isEqualTo(withoutTimings(first.epochs()));
        assertThat(parameters(other.modelFolder())[0]).isNotEqualTo(parameters(first.modelFolder())[0]);
        assertThat(withoutTimings(other.epochs())).isNotEqualTo(withoutTimings(first.epochs()));
    }

    @Test
    void resumingFromACheckpointContinuesExactlyWithSgd() throws IOException {
        resumeMatchesStraightRun(spec(mlp(16), sgd(0.05, 0.9, 1e-3, STEP), STANDARD, 2, 25, 3));
    }

    @Test
    void resumingFromACheckpointContinuesExactlyWithSgdWithoutMomentum() throws IOException {
        // No momentum, no optimizer state: the checkpoint's optimizer.ndlist holds an empty list.
        resumeMatchesStraightRun(spec(mlp(16), sgd(0.05, 0, 0, TrainingFixtures.CONSTANT), STANDARD, 2, 25, 3));
    }

    @Test
    void resumingFromACheckpointContinuesExactlyWithAdamAndPgd() throws IOException {
        resumeMatchesStraightRun(spec(mlp(16), adam(0.01), TrainingFixtures.pgd(0.05, 2, 0.5), 2, 50, 3));
    }

    void resumeMatchesStraightRun(TrainSpec spec) throws IOException {
        TrainingResult straight = TrainingRun.run(spec, BLOBS, workDir.resolve("straight"), EpochListener.NONE);

        Path interrupted = workDir.resolve("interrupted");
        AtomicReference<Boolean> stop = new AtomicReference<>(false);
        assertThatThrownBy(() -> TrainingRun.run(spec, BLOBS, interrupted, metrics -> stop.set(true), stop::get))
                .isInstanceOf(TrainingCancelledException.class);
        assertThat(interrupted.resolve("checkpoints/epoch-0001/checkpoint.json")).exists();
        assertThat(interrupted.resolve("model")).doesNotExist();
        List<EpochMetrics> heard = new ArrayList<>();
        TrainingResult resumed = TrainingRun.run(spec, BLOBS, interrupted, heard::add);

        assertThat(heard).extracting(EpochMetrics::epoch).containsExactly(2);
        assertThat(parameters(resumed.modelFolder())).isDeepEqualTo(parameters(straight.modelFolder()));
        assertThat(withoutTimings(resumed.epochs())).isEqualTo(withoutTimings(straight.epochs()));
    }

    @Test
    void suspendedInTheSecondEpochResumesMidEpochExactly() throws IOException {
        // 24 batches an epoch: the run stops in epoch 2 after 4 batches.
        suspendedRunMatchesStraightRun(spec(mlp(16), sgd(0.05, 0.9, 1e-3, STEP), STANDARD, 3, 25, 3), 1, 4);
    }

    @Test
    void suspendedInTheFirstEpochResumesMidEpochExactlyWithAdamAndPgd() throws IOException {
        // The attack's random starts are drawn per batch number: the resumed run must continue the numbering.
        suspendedRunMatchesStraightRun(spec(mlp(16), adam(0.01), TrainingFixtures.pgd(0.05, 2, 0.5), 2, 50, 3),
                0, 5);
    }

    /** Suspends after {@code epochs} finished epochs and {@code batches} batches of the next, then resumes. */
    void suspendedRunMatchesStraightRun(TrainSpec spec, int epochs, int batches) throws IOException {
        TrainingResult straight = TrainingRun.run(spec, BLOBS, workDir.resolve("straight"), EpochListener.NONE);

        Path interrupted = workDir.resolve("interrupted");
        List<EpochMetrics> heardBefore = new ArrayList<>();
        // Between batches the run asks once before each batch and once after each finished epoch (but the last).
        int[] asked = {0};
        int suspendAt = epochs * (TrainingFixtures.batchesPerEpoch(BLOBS, spec) + 1) + batches + 1;
        assertThatThrownBy(() -> TrainingRun.run(spec, BLOBS, interrupted, heardBefore::add,
                () -> ++asked[0] == suspendAt ? StopRequest.SUSPEND : StopRequest.NONE))
                .isInstanceOfSatisfying(TrainingSuspendedException.class, e -> assertThat(e.position())
                        .contains(new CheckpointPosition(epochs, batches)));
        String partial = new CheckpointPosition(epochs, batches).folderName();
        assertThat(partial).isEqualTo("epoch-%04d-batch-%06d".formatted(epochs + 1, batches));
        assertThat(interrupted.resolve("checkpoints").resolve(partial).resolve("checkpoint.json")).exists();
        assertThat(heardBefore).extracting(EpochMetrics::epoch).hasSize(epochs);

        List<EpochMetrics> heard = new ArrayList<>();
        TrainingResult resumed = TrainingRun.run(spec, BLOBS, interrupted, heard::add);

        assertThat(heard).extracting(EpochMetrics::epoch).first().isEqualTo(epochs + 1);
        assertThat(parameters(resumed.modelFolder())).isDeepEqualTo(parameters(straight.modelFolder()));
        assertThat(withoutTimings(resumed.epochs())).isEqualTo(withoutTimings(straight.epochs()));
        assertThat(interrupted.resolve("checkpoints").resolve(partial))
                .as("a mid-epoch checkpoint goes once a newer one is written").doesNotExist();
    }

    @Test
    void suspendedBeforeTheFirstBatchLeavesNoCheckpoint() throws IOException {
        TrainSpec spec = spec(mlp(8), adam(0.01), STANDARD, 2, 50, 3);

        assertThatThrownBy(() -> TrainingRun.run(spec, BLOBS, workDir, EpochListener.NONE,
                () -> StopRequest.SUSPEND))
                .isInstanceOfSatisfying(TrainingSuspendedException.class, e -> assertThat(e.position()).isEmpty());
        assertThat(new CheckpointStore(workDir.resolve("checkpoints")).latest()).isEmpty();
    }

    @Test
    void suspendedBetweenEpochsKeepsTheEpochsCheckpoint() throws IOException {
        TrainSpec spec = spec(mlp(8), adam(0.01), STANDARD, 2, 50, 3);
        AtomicReference<StopRequest> stop = new AtomicReference<>(StopRequest.NONE);

        assertThatThrownBy(() -> TrainingRun.run(spec, BLOBS, workDir, metrics -> stop.set(StopRequest.SUSPEND),
                stop::get))
                .isInstanceOfSatisfying(TrainingSuspendedException.class, e -> assertThat(e.position())
                        .contains(new CheckpointPosition(1, 0)));
        assertThat(new CheckpointStore(workDir.resolve("checkpoints")).latest()).map(p -> p.getFileName().toString())
                .contains("epoch-0001");
    }

    @Test
    void checkpointsOfAnotherSpecAreRefused() throws IOException {
        TrainingRun.run(spec(mlp(8), adam(0.01), STANDARD, 1, 50, 3), BLOBS, workDir, EpochListener.NONE);

        assertThatThrownBy(() -> TrainingRun.run(spec(mlp(8), adam(0.01), STANDARD, 1, 50, 4), BLOBS, workDir,
                EpochListener.NONE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNanLossStopsTrainingNamingEpochAndBatch() {
        float[] features = BLOBS.train().features().clone();
        features[5 * 20 + 3] = Float.NaN;
        ExampleSet poisoned = new ExampleSet(features, BLOBS.train().labels(), new long[] {20}, 3);
        Dataset data = new Dataset("poisoned", poisoned, BLOBS.test());

        assertThatThrownBy(() -> TrainingRun.run(spec(mlp(8), adam(0.01), STANDARD, 2, 50, 3), data, workDir,
                EpochListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("diverged at epoch 1 batch ");
        assertThat(workDir.resolve("checkpoints/epoch-0001")).doesNotExist();
    }

    @Test
    void adversarialTrainingWithFgsmRunsAndLearns() throws IOException {
        TrainSpec spec = spec(mlp(32), adam(0.01),
                new io.robustlab.contracts.spec.TrainingMethodSpec("adversarial", "fgsm", 0.05, null, null, null, 1.0),
                3, 20, 1);
        TrainingResult result = TrainingRun.run(spec, BLOBS, workDir, EpochListener.NONE);

        assertThat(result.lastEpoch().testAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void concurrentRunsInOneJvmTakeTurnsWithTheGradientCollector() throws Exception {
        TrainSpec spec = spec(mlp(8), adam(0.01), TrainingFixtures.pgd(0.05, 2, 1.0), 2, 20, 3);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> TrainingRun.run(spec, BLOBS, workDir.resolve("x"), EpochListener.NONE));
            var second = pool.submit(() -> TrainingRun.run(spec, BLOBS, workDir.resolve("y"), EpochListener.NONE));

            assertThat(withoutTimings(first.get().epochs())).isEqualTo(withoutTimings(second.get().epochs()));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void runsOnAThreadWhereAutogradIsOn() throws Exception {
        ai.djl.engine.Engine.getEngine("PyTorch"); // loaded here, the engine turns autograd off in this thread only
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(TrainingRun.run(spec(mlp(8), sgd(0.1, 0.9, 1e-4, TrainingFixtures.CONSTANT), STANDARD,
                        1, 50, 3), BLOBS, workDir, EpochListener.NONE));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        worker.start();
        worker.join();

        assertThat(outcome.get()).isInstanceOf(TrainingResult.class);
        assertThat(Files.exists(workDir.resolve("model/model.json"))).isTrue();
    }
}
