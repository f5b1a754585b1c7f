package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.model.SavedModel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a training job: build the network, train epoch by epoch with a checkpoint after each, save the final model.
 * A run asked to {@linkplain StopRequest#SUSPEND suspend} also checkpoints the epoch in progress.
 *
 * <p>The spec must have its defaults filled in ({@code TrainSpec.withDefaults()}). The work folder holds
 * {@code checkpoints/} and, at the end, {@code model/} (see {@link SavedModel}). Calling {@code run} again with the
 * same spec, data and folder resumes from the newest checkpoint, mid-epoch or not, and gives the result an
 * uninterrupted run would
 * have given (the same parameters bit for bit and the same metrics except timings); a finished run is not
 * repeated.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    public static final String CHECKPOINTS = "checkpoints";
    public static final String MODEL = "model";

    private TrainingRun() {
    }

    /** Runs to the end; see {@link #run(TrainSpec, Dataset, Path, EpochListener, Supplier)}. */
    public static TrainingResult run(TrainSpec spec, Dataset data, Path workDir, EpochListener listener)
            throws IOException {
        return run(spec, data, workDir, listener, () -> StopRequest.NONE);
    }

    /** Runs until the end or until {@code cancelled} turns true ({@link StopRequest#CANCEL}). */
    public static TrainingResult run(TrainSpec spec, Dataset data, Path workDir, EpochListener listener,
            BooleanSupplier cancelled) throws IOException {
        return run(spec, data, workDir, listener, () -> cancelled.getAsBoolean() ? StopRequest.CANCEL
                : StopRequest.NONE);
    }

    /**
     * Trains {@code spec} on {@code data} in {@code workDir}.
     *
     * @param listener  hears each finished epoch, after its checkpoint is written
     * @param stop      checked between batches and after each epoch: {@link StopRequest#CANCEL} stops with
     *                  {@link TrainingCancelledException}, keeping the checkpoints of finished epochs;
     *                  {@link StopRequest#SUSPEND} first checkpoints the epoch in progress, then stops with
     *                  {@link TrainingSuspendedException}
     * @throws TrainingDivergedException  when the training loss becomes NaN or infinite
     * @throws IllegalStateException      when {@code workDir} holds checkpoints of a different spec or data
     */
    public static TrainingResult run(TrainSpec spec, Dataset data, Path workDir, EpochListener listener,
            Supplier<StopRequest> stop) throws IOException {
        int epochs = Objects.requireNonNull(spec.epochs(), "epochs (fill the spec's defaults first)");
        int batchSize = Objects.requireNonNull(spec.batchSize(), "batchSize");
        long seed = Objects.requireNonNull(spec.seed(), "seed");
        String fingerprint = fingerprint(spec, data);
        CheckpointStore checkpoints = new CheckpointStore(workDir.resolve(CHECKPOINTS));
        Path modelFolder = workDir.resolve(MODEL);

        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            Network network = Network.build(spec.model(), data.exampleShape(), data.classes(), manager);
            Optimizer optimizer = Optimizer.of(spec.optimizer(), network.parameterArrays(), manager);
            List<EpochMetrics> history = new ArrayList<>();
            PartialEpoch resumeWithin = PartialEpoch.NONE;
            Optional<Checkpoint> checkpoint = checkpoints.loadLatest(manager);
            if (checkpoint.isPresent()) {
                Checkpoint resumed = checkpoint.get();
                if (!resumed.specFingerprint().equals(fingerprint)) {
                    throw new IllegalStateException("checkpoints in " + checkpoints.folder()
                            + " belong to another spec or data set");
                }
                network.setParameters(resumed.parameters());
                optimizer.restore(resumed.optimizer());
                history.addAll(resumed.history());
                resumeWithin = resumed.partial();
                LOG.info("resuming {} from {}", resumed.position().describe(), checkpoints.folder());
            } else {
                network.initialize(RandomStreams.initialization(seed));
            }

            LearningRatePlan learningRates = LearningRatePlan.of(spec.optimizer(), epochs);
            EpochTrainer trainer = new EpochTrainer(network, optimizer,
                    AdversarialTraining.of(spec.method()), new ExampleBatches(data.train()), batchSize, seed, manager);
            ExampleBatches test = new ExampleBatches(data.test());
            for (int epoch = history.size() + 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                double learningRate = learningRates.at(epoch);
                EpochTrainer.Outcome outcome = trainer.train(epoch, learningRate, stop, resumeWithin);
                resumeWithin = PartialEpoch.NONE;
                if (outcome instanceof EpochTrainer.Suspended(PartialEpoch partial)) {
                    Checkpoint suspended = save(checkpoints, epoch - 1, fingerprint, history, network, optimizer,
                            partial, manager);
                    throw new TrainingSuspendedException(suspended.position());
                }
                EpochTrainer.Pass pass = (EpochTrainer.Pass) outcome;
                TestEvaluation.Result evaluation = TestEvaluation.evaluate(network, test, manager);
                EpochMetrics metrics = new EpochMetrics(epoch, learningRate, pass.loss(), pass.accuracy(),
                        evaluation.loss(), evaluation.accuracy(), (System.nanoTime() - start) / 1e9,
                        data.train().size() / pass.seconds());
                history.add(metrics);
                save(checkpoints, epoch, fingerprint, history, network, optimizer, PartialEpoch.NONE, manager);
                LOG.info("epoch {}: {}", epoch, metrics);
                listener.onEpoch(metrics);
                if (epoch < epochs) {
                    switch (stop.get()) {
                        case CANCEL -> throw new TrainingCancelledException(epoch);
                        case SUSPEND -> throw new TrainingSuspendedException(new CheckpointPosition(epoch, 0));
                        case NONE -> { }
                    }
                }
            }
            if (!Files.exists(modelFolder.resolve(SavedModel.DESCRIPTION_FILE))) {
                saveModel(network, modelFolder);
            }
            return new TrainingResult(history, network.parameterCount(), modelFolder, checkpoints.folder());
        }
    }

    private static Checkpoint save(CheckpointStore checkpoints, int epoch, String fingerprint,
            List<EpochMetrics> history, Network network, Optimizer optimizer, PartialEpoch partial, NDManager manager)
            throws IOException {
        try (NDManager snapshot = manager.newSubManager()) {
            Checkpoint checkpoint = new Checkpoint(epoch, fingerprint, List.copyOf(history),
                    parameterSnapshot(network, snapshot), optimizer.state(snapshot), partial);
            checkpoints.save(checkpoint);
            return checkpoint;
        }
    }

    private static void saveModel(Network network, Path modelFolder) throws IOException {
        if (Files.exists(modelFolder)) {
            CheckpointStore.deleteRecursively(modelFolder);
        }
        Files.createDirectories(modelFolder.getParent());
        Path temporary = Files.createTempDirectory(modelFolder.getParent(), "." + MODEL + "-");
        SavedModel.save(network, temporary);
        Files.move(temporary, modelFolder);
    }

    private static NDList parameterSnapshot(Network network, NDManager manager) {
        NDList snapshot = new NDList();
        List<NDArray> arrays = network.parameterArrays();
        for (int i = 0; i < arrays.size(); i++) {
            NDArray copy = manager.create(arrays.get(i).getShape(), arrays.get(i).getDataType());
            copy.set(arrays.get(i).toByteBuffer());
            copy.setName(network.parameterNames().get(i));
            snapshot.add(copy);
        }
        return snapshot;
    }

    /** Identifies the work: the spec's hash (metadata left out) and the shape of the data it was given. */
    static String fingerprint(TrainSpec spec, Dataset data) {
        return SpecCodec.specHash(spec) + "/" + data.train().size() + "/" + data.test().size() + "/"
                + Arrays.toString(data.exampleShape()) + "/" + data.classes();
    }
}
