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

/**
 * Runs a training job: build the network, train epoch by epoch with a checkpoint after each, save the final model.
 *
 * <p>The spec must have its defaults filled in ({@code TrainSpec.withDefaults()}). The work folder holds
 * {@code checkpoints/} and, at the end, {@code model/} (see {@link SavedModel}). Calling {@code run} again with the
 * same spec, data and folder resumes after the newest checkpoint and gives the result an uninterrupted run would
 * have given (the same parameters bit for bit and the same metrics except timings); a finished run is not
 * repeated.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    public static final String CHECKPOINTS = "checkpoints";
    public static final String MODEL = "model";

    private TrainingRun() {
    }

    /** Runs to the end; see {@link #run(TrainSpec, Dataset, Path, EpochListener, BooleanSupplier)}. */
    public static TrainingResult run(TrainSpec spec, Dataset data, Path workDir, EpochListener listener)
            throws IOException {
        return run(spec, data, workDir, listener, () -> false);
    }

    /**
     * Trains {@code spec} on {@code data} in {@code workDir}.
     *
     * @param listener  hears each finished epoch, after its checkpoint is written
     * @param cancelled checked between batches and after each epoch; when true the run stops with
     *                  {@link TrainingCancelledException}, keeping the checkpoints of finished epochs
     * @throws TrainingDivergedException  when the training loss becomes NaN or infinite
     * @throws IllegalStateException      when {@code workDir} holds checkpoints of a different spec or data
     */
    public static TrainingResult run(TrainSpec spec, Dataset data, Path workDir, EpochListener listener,
            BooleanSupplier cancelled) throws IOException {
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
                LOG.info("resuming after epoch {} from {}", resumed.epoch(), checkpoints.folder());
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
                EpochTrainer.Pass pass = trainer.train(epoch, learningRate, cancelled);
                TestEvaluation.Result evaluation = TestEvaluation.evaluate(network, test, manager);
                EpochMetrics metrics = new EpochMetrics(epoch, learningRate, pass.loss(), pass.accuracy(),
                        evaluation.loss(), evaluation.accuracy(), (System.nanoTime() - start) / 1e9,
                        data.train().size() / pass.seconds());
                history.add(metrics);
                try (NDManager snapshot = manager.newSubManager()) {
                    checkpoints.save(new Checkpoint(epoch, fingerprint, history, parameterSnapshot(network, snapshot),
                            optimizer.state(snapshot)));
                }
                LOG.info("epoch {}: {}", epoch, metrics);
                listener.onEpoch(metrics);
                if (epoch < epochs && cancelled.getAsBoolean()) {
                    throw new TrainingCancelledException(epoch);
                }
            }
            if (!Files.exists(modelFolder.resolve(SavedModel.DESCRIPTION_FILE))) {
                saveModel(network, modelFolder);
            }
            return new TrainingResult(history, network.parameterCount(), modelFolder, checkpoints.folder());
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
