package io.robustlab.trainer.training;

import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.EpochMetric;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.CorruptDataException;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.DatasetNotFoundException;
import io.robustlab.core.data.DatasetProblems;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.train.CheckpointPosition;
import io.robustlab.core.train.CheckpointStore;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.EpochMetrics;
import io.robustlab.core.train.TrainingDivergedException;
import io.robustlab.core.train.TrainingResult;
import io.robustlab.core.train.StopRequest;
import io.robustlab.core.train.TrainingRun;
import io.robustlab.core.train.TrainingSuspendedException;
import io.robustlab.worker.job.JobContext;
import io.robustlab.worker.job.JobFailure;
import io.robustlab.worker.job.JobResult;
import io.robustlab.worker.job.JobRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a {@code Train} job with robust-core's {@link TrainingRun}: resumes after the newest checkpoint the job has
 * in the artifact store (whichever attempt or run wrote it), reporting again the epochs that checkpoint covers,
 * stores each epoch's checkpoint before reporting the epoch, and ends by storing the model folder as
 * {@code model/…} and {@code model-card.json}. An attempt that already stored its model and card reports those.
 */
@Component
class TrainingJobRunner implements JobRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final DataLocations dataLocations;
    private final CodeVersion codeVersion;

    TrainingJobRunner(DataLocations dataLocations, CodeVersion codeVersion) {
        this.dataLocations = dataLocations;
        this.codeVersion = codeVersion;
    }

    @Override
    public String kind() {
        return TrainSpec.KIND;
    }

    @Override
    public JobResult run(JobContext context) throws IOException {
        JobMessage message = context.message();
        TrainSpec spec = (TrainSpec) message.spec().withDefaults();
        Optional<List<Artifact>> finished = StoredResult.find(context, spec, TrainingJobRunner::contentType);
        if (finished.isPresent()) {
            log.info("job {} attempt {}: already finished, reporting its stored model", message.jobId(),
                    message.attempt());
            return new JobResult(finished.get());
        }
        Dataset data = load(spec, context.workerId());
        Path workDirectory = context.workDirectory();
        Path localCheckpoints = workDirectory.resolve(TrainingRun.CHECKPOINTS);
        StoredCheckpoints checkpoints = new StoredCheckpoints(context);
        Optional<CheckpointPosition> resumedFrom = checkpoints.restore(localCheckpoints);
        if (resumedFrom.isPresent()) {
            CheckpointPosition from = resumedFrom.get();
            log.info("job {}: resuming {}", message.jobId(), from.describe());
            context.progress(100.0 * from.epochs() / spec.epochs(),
                    "resuming " + from.describe() + " of " + spec.epochs(), null, null);
            // An epoch's checkpoint is stored before its metric is reported, so a run that ended between the two
            // never reported it; the API upserts metrics per (job, epoch), so reporting them all again is harmless.
            for (EpochMetrics metrics : StoredCheckpoints.history(localCheckpoints)) {
                context.report(epochMetric(metrics));
            }
        }
        TrainingResult result;
        try {
            result = TrainingRun.run(spec, data, workDirectory,
                    new EpochReporter(context, checkpoints, localCheckpoints, spec.epochs()), () -> stopRequest(context));
        } catch (TrainingSuspendedException e) {
            storeSuspended(context, checkpoints, localCheckpoints, e);
            throw e;
        } catch (TrainingDivergedException e) {
            throw new JobFailure("training diverged: " + e.getMessage() + "; lower optimizer.learningRate or try "
                    + "another optimizer or schedule", false, e);
        }
        List<Artifact> artifacts = new ArrayList<>(uploadModel(context, result.modelFolder()));
        artifacts.add(uploadCard(context, spec, result, resumedFrom));
        return new JobResult(artifacts);
    }

    /** A cancel ends the job; a shutdown suspends it, so the checkpoint of the epoch in progress is kept. */
    private static StopRequest stopRequest(JobContext context) {
        if (!context.stopRequested()) {
            return StopRequest.NONE;
        }
        return context.resumesLater() ? StopRequest.SUSPEND : StopRequest.CANCEL;
    }

    /** Stores the mid-epoch checkpoint a suspended run wrote, so the run that resumes the job starts from it. */
    private static void storeSuspended(JobContext context, StoredCheckpoints checkpoints, Path localCheckpoints,
            TrainingSuspendedException suspended) {
        if (suspended.position().isEmpty() || !suspended.position().get().partial()) {
            return; // nothing trained before the stop, or the epoch's own checkpoint is stored already
        }
        CheckpointPosition position = suspended.position().get();
        try {
            checkpoints.upload(localCheckpoints.resolve(position.folderName()));
            log.info("job {}: stored its checkpoint {} for the run that resumes it", context.message().jobId(),
                    position.describe());
        } catch (IOException | RuntimeException e) {
            log.warn("job {}: the checkpoint {} could not be stored; the next run starts from the epoch's "
                    + "beginning: {}", context.message().jobId(), position.describe(), e.getMessage());
        }
    }

    private Dataset load(TrainSpec spec, String workerId) {
        String name = spec.dataset().name();
        try {
            return Datasets.load(spec.dataset(), dataLocations);
        } catch (DatasetNotFoundException | CorruptDataException | IllegalArgumentException e) {
            throw new JobFailure(DatasetProblems.describe(name, workerId, e), false, e);
        }
    }

    private static List<Artifact> uploadModel(JobContext context, Path modelFolder) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(modelFolder)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        List<Artifact> artifacts = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            artifacts.add(context.upload(JobMessage.MODEL_FOLDER + name, file, contentType(name)));
        }
        return artifacts;
    }

    private Artifact uploadCard(JobContext context, TrainSpec spec, TrainingResult result,
            Optional<CheckpointPosition> resumedFrom) throws IOException {
        ModelCard card = new ModelCard(ModelCard.FORMAT, ModelCard.FORMAT_VERSION, context.message().jobId(),
                context.message().attempt(), context.runId(), SpecCodec.specHash(spec),
                SpecCodec.toTree(spec), result.parameterCount(), result.epochs(),
                resumedFrom.map(CheckpointPosition::epochs).orElse(null),
                resumedFrom.filter(CheckpointPosition::partial).map(CheckpointPosition::batches).orElse(null),
                context.device().device(),
                context.device().threads(), context.device().engine(), context.workerId(), codeVersion.describe(),
                Instant.now());
        Path file = context.workDirectory().resolve(ModelCard.FILE);
        JSON.writeValue(file.toFile(), card);
        return context.upload(ModelCard.FILE, file, "application/json");
    }

    private static EpochMetric epochMetric(EpochMetrics metrics) {
        return new EpochMetric(metrics.epoch(), metrics.trainLoss(), metrics.trainAccuracy(), metrics.testLoss(),
                metrics.testAccuracy(), metrics.learningRate(), metrics.seconds());
    }

    static String contentType(String fileName) {
        if (fileName.endsWith(".json")) {
            return "application/json";
        }
        return fileName.endsWith(".npz") ? "application/zip" : "application/octet-stream";
    }

    /** After each epoch: store its checkpoint, then report the epoch and the progress. */
    private record EpochReporter(JobContext context, StoredCheckpoints checkpoints, Path localCheckpoints,
            int epochs) implements EpochListener {

        @Override
        public void onEpoch(EpochMetrics metrics) {
            try {
                Path newest = new CheckpointStore(localCheckpoints).latest()
                        .orElseThrow(() -> new IOException("no checkpoint after epoch " + metrics.epoch()));
                checkpoints.upload(newest);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.report(epochMetric(metrics));
            int left = epochs - metrics.epoch();
            context.progress(100.0 * metrics.epoch() / epochs, "epoch " + metrics.epoch() + "/" + epochs,
                    left * metrics.seconds(), metrics.samplesPerSecond());
        }
    }
}
