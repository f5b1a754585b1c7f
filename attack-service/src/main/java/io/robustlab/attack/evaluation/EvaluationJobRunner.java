package io.robustlab.attack.evaluation;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.CorruptionPoint;
import io.robustlab.contracts.message.WorkerEvent.CurvePoint;
import io.robustlab.contracts.message.WorkerEvent.WeightNoisePoint;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.core.data.CorruptDataException;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.DatasetNotFoundException;
import io.robustlab.core.data.DatasetProblems;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.CorruptionRow;
import io.robustlab.core.evaluation.EvaluationJson;
import io.robustlab.core.evaluation.EvaluationListener;
import io.robustlab.core.evaluation.EvaluationOptions;
import io.robustlab.core.evaluation.EvaluationResult;
import io.robustlab.core.evaluation.EvaluationRun;
import io.robustlab.core.evaluation.EvaluationSamples;
import io.robustlab.core.evaluation.WeightNoiseRow;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.SavedModel;
import io.robustlab.worker.job.JobContext;
import io.robustlab.worker.job.JobFailure;
import io.robustlab.worker.job.JobResult;
import io.robustlab.worker.job.JobRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs an {@code Evaluate} job with robust-core's {@link EvaluationRun}: each curve point, corruption row and
 * weight-noise row is published as soon as it is measured, and the whole result is stored as {@code result.json},
 * with a few adversarial examples per attack for the UI's gallery ({@link AdversarialGallery}).
 * Each finished attack is stored at once ({@link StoredAttackCheckpoints}), and every run restores what is stored,
 * so a job stopped by a shutdown, or killed, resumes after its last finished attack.
 */
@Component
class EvaluationJobRunner implements JobRunner {

    static final String RESULT = "result.json";
    static final String CHECKPOINTS = "evaluation";
    private static final Logger log = LoggerFactory.getLogger(EvaluationJobRunner.class);

    private final DataLocations dataLocations;
    private final GalleryProperties gallery;

    EvaluationJobRunner(DataLocations dataLocations, GalleryProperties gallery) {
        this.dataLocations = dataLocations;
        this.gallery = gallery;
    }

    @Override
    public String kind() {
        return EvaluateSpec.KIND;
    }

    @Override
    public JobResult run(JobContext context) throws IOException {
        EvaluateSpec spec = (EvaluateSpec) context.message().spec().withDefaults();
        Path modelFolder = ModelFolder.fetch(context, spec);
        ExampleSet samples = samples(spec, context.workerId());
        AdversarialGallery examples = new AdversarialGallery(gallery.samplesPerAttack());
        StoredAttackCheckpoints checkpoints = new StoredAttackCheckpoints(context,
                context.workDirectory().resolve(CHECKPOINTS), examples);
        int finished = checkpoints.restore();
        int attacks = spec.attacks() == null ? 0 : spec.attacks().size();
        if (finished > 0) {
            log.info("job {}: resuming evaluation with {} of {} attacks done", context.message().jobId(), finished,
                    attacks);
        }
        List<Artifact> artifacts = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = load(modelFolder, manager);
            log.info("job {}: evaluating {} on {} samples", context.message().jobId(), network, samples.size());
            EvaluationResult result = evaluate(context, spec, network, samples, examples, checkpoints);
            Path file = context.workDirectory().resolve(RESULT);
            EvaluationJson.write(result, file);
            artifacts.add(context.upload(RESULT, file, "application/json"));
            artifacts.addAll(examples.store(context, result, samples, network, manager));
        }
        return new JobResult(artifacts);
    }

    private static EvaluationResult evaluate(JobContext context, EvaluateSpec spec, Network network,
            ExampleSet samples, AdversarialGallery examples, StoredAttackCheckpoints checkpoints) {
        try {
            return EvaluationRun.run(spec, network, samples, new EventListener(context, spec, samples.size()),
                    context::stopRequested, EvaluationOptions.DEFAULT, examples, checkpoints);
        } catch (UnsupportedOperationException e) {
            throw new JobFailure("this worker cannot run the spec: " + e.getMessage(), false, e);
        } catch (IllegalArgumentException e) {
            throw new JobFailure("the spec does not fit the model or data: " + e.getMessage(), false, e);
        }
    }

    private ExampleSet samples(EvaluateSpec spec, String workerId) {
        String name = spec.dataset().name();
        try {
            return EvaluationSamples.load(spec, dataLocations);
        } catch (DatasetNotFoundException | CorruptDataException | IllegalArgumentException e) {
            throw new JobFailure(DatasetProblems.describe(name, workerId, e), false, e);
        }
    }

    private static Network load(Path folder, NDManager manager) {
        try {
            return SavedModel.load(folder, manager);
        } catch (IOException | RuntimeException e) {
            throw new JobFailure("the model cannot be loaded: " + e.getMessage(), false, e);
        }
    }

    /** Publishes what the evaluation measures as it measures it, on the evaluation's thread. */
    private static final class EventListener implements EvaluationListener {

        private final JobContext context;
        private final CurveNorms norms;
        private final int samples;
        private final long started = System.nanoTime();

        EventListener(JobContext context, EvaluateSpec spec, int samples) {
            this.context = context;
            this.norms = new CurveNorms(spec);
            this.samples = samples;
        }

        @Override
        public void curvePoint(io.robustlab.core.evaluation.CurvePoint point) {
            context.report(new CurvePoint(point.curve(), norms.of(point.curve()), point.epsilon(),
                    point.robustAccuracy(), point.samples()));
        }

        @Override
        public void corruptionRow(CorruptionRow row) {
            context.report(new CorruptionPoint(row.corruption(), row.severity(), row.accuracy(), samples));
        }

        @Override
        public void weightNoiseRow(WeightNoiseRow row) {
            context.report(new WeightNoisePoint(row.sigma(), row.meanAccuracy(), row.stdAccuracy(),
                    row.accuracies().length));
        }

        @Override
        public void progress(double fraction) {
            double seconds = (System.nanoTime() - started) / 1e9;
            Double eta = fraction > 0 && fraction < 1 ? seconds / fraction * (1 - fraction) : null;
            context.progress(100 * fraction, "evaluating", eta, null);
        }
    }
}
