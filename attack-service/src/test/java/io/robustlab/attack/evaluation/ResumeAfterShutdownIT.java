package io.robustlab.attack.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.CurvePoint;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.core.evaluation.EvaluationJson;
import io.robustlab.core.evaluation.EvaluationResult;
import io.robustlab.worker.testing.EventStream;
import io.robustlab.worker.testing.EventStream.Received;
import io.robustlab.worker.testing.TestBroker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An attack worker shut down after the first attack of an evaluation has finished stores that attack's checkpoint
 * and returns the message; the next worker resumes with the second attack, does not run the first again, and ends
 * with the result, curve points and gallery an uninterrupted run of the same spec gives.
 */
class ResumeAfterShutdownIT {

    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FGSM = "fgsm (L∞)";

    @TempDir
    Path temp;

    private TestBroker broker;
    private EventStream events;
    private FileSystemArtifactStore store;
    private ConfigurableApplicationContext worker;

    @BeforeEach
    void connect() throws Exception {
        broker = TestBroker.connect();
        broker.declareTopology();
        events = broker.events();
        store = new FileSystemArtifactStore(temp.resolve("store"));
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** FGSM, then a PGD slow enough (many small steps, small batches) for the shutdown to land inside it. */
    private static JobMessage evaluate(String modelPrefix) {
        String spec = """
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"trainJob": "train-job"},
                 "dataset": {"name": "fashion-mnist"}, "samples": 100,
                 "attacks": [{"name": "fgsm"},
                             {"name": "linf-pgd", "steps": 100, "restarts": 3, "relativeStepSize": 0.02}],
                 "epsilons": [{"values": [0, 0.02, 0.05, 0.1]}], "batchSize": 10, "seed": 5}""";
        return new JobMessage(UUID.randomUUID().toString(), 1, SpecCodec.parse(spec).withDefaults(), modelPrefix);
    }

    @Test
    void anEvaluationStoppedAfterItsFirstAttackResumesWithTheSecondAndEndsAsAnUninterruptedOne() throws Exception {
        String model = EvaluationWorkers.storedModel(store, temp);
        JobMessage job = evaluate(model);
        String attack = broker.topology().attackQueue();
        String checkpoints = "jobs/" + job.jobId() + "/attempt-1/evaluation/";

        worker = EvaluationWorkers.start(broker, store.root(), temp.resolve("work-a"));
        broker.publishJob(job);
        Received lastFgsmPoint = events.await(job.jobId(),
                p -> p instanceof CurvePoint point && point.curve().equals(FGSM) && point.epsilon() == 0.1, DEADLINE);
        worker.close(); // what SIGTERM does
        worker = null;

        String runA = lastFgsmPoint.event().runId();
        assertThat(events.of(job.jobId())).noneMatch(r -> r.payload().terminal());
        assertThat(broker.ready(attack)).as("the message went back to the queue").isEqualTo(1);
        assertThat(store.list(checkpoints)).as("FGSM's checkpoint and gallery are stored; PGD did not finish")
                .containsExactlyInAnyOrder(checkpoints + "attack-00.gallery.json", checkpoints + "attack-00.json");
        byte[] fgsmCheckpoint = bytes(checkpoints + "attack-00.json");

        worker = EvaluationWorkers.start(broker, store.root(), temp.resolve("work-b"));
        Received end = events.awaitEnd(job.jobId(), DEADLINE);
        assertThat(end.payload()).isInstanceOf(Succeeded.class);
        String runB = end.event().runId();
        assertThat(runB).isNotEqualTo(runA);

        JobMessage straight = evaluate(model);
        broker.publishJob(straight);
        Received straightEnd = events.awaitEnd(straight.jobId(), DEADLINE);
        assertThat(straightEnd.payload()).isInstanceOf(Succeeded.class);

        EvaluationResult resumed = result(job);
        EvaluationResult uninterrupted = result(straight);
        // Run B did not run FGSM: it took the stored checkpoint, whose file it left as it was, and reports FGSM's
        // cost as run A measured it.
        assertThat(resumed.timings().resumedAttacks()).containsExactly(FGSM);
        assertThat(uninterrupted.timings().resumedAttacks()).isEmpty();
        assertThat(bytes(checkpoints + "attack-00.json")).as("not written again").isEqualTo(fgsmCheckpoint);
        JsonNode keptCost = JSON.readTree(fgsmCheckpoint).path("outcome").path("cost");
        assertThat(resumed.timings().attacks().getFirst().seconds()).isEqualTo(keptCost.get("seconds").asDouble());
        assertThat(resumed.timings().attacks().getFirst().measuredPasses())
                .isEqualTo(uninterrupted.timings().attacks().getFirst().measuredPasses());
        assertThat(store.list(checkpoints)).as("PGD's checkpoint is stored by run B")
                .contains(checkpoints + "attack-01.json");

        assertThat(measured(resumed)).as("curves, bitsets, worst cases, warnings")
                .isEqualTo(measured(uninterrupted));
        List<CurvePoint> pointsOfRunB = curvePoints(job, runB);
        assertThat(pointsOfRunB).as("run B reports FGSM's points again, then the rest, as an uninterrupted run")
                .containsExactlyElementsOf(curvePoints(straight, straightEnd.event().runId()));
        List<CurvePoint> pointsOfRunA = curvePoints(job, runA);
        assertThat(pointsOfRunA.stream().filter(p -> p.curve().equals(FGSM)).toList())
                .as("run A reported FGSM's points before it stopped, as run B reports them again")
                .containsExactlyElementsOf(pointsOfRunB.stream().filter(p -> p.curve().equals(FGSM)).toList());
        assertThat(pointsOfRunA).as("run A stopped in PGD, before any worst case")
                .noneMatch(p -> p.curve().startsWith("worst-case"));

        // The gallery of FGSM, kept with its checkpoint, is the uninterrupted run's.
        JsonNode gallery = gallery(end);
        assertThat(gallery.path("attacks").get(0).path("samples").size()).as("FGSM fooled samples").isPositive();
        assertThat(gallery).isEqualTo(gallery(straightEnd));

        worker.close();
        worker = null;
        assertThat(broker.ready(attack)).isZero();
        assertThat(events.of(job.jobId())).filteredOn(r -> r.payload() instanceof Started).hasSize(2);
    }

    private List<CurvePoint> curvePoints(JobMessage job, String runId) {
        return events.of(job.jobId()).stream()
                .filter(r -> r.event().runId().equals(runId) && r.payload() instanceof CurvePoint)
                .map(r -> (CurvePoint) r.payload())
                .toList();
    }

    private EvaluationResult result(JobMessage job) throws Exception {
        return EvaluationJson.read(new String(bytes("jobs/" + job.jobId() + "/attempt-1/"
                + EvaluationJobRunner.RESULT), StandardCharsets.UTF_8));
    }

    private JsonNode gallery(Received end) throws Exception {
        Artifact index = ((Succeeded) end.payload()).artifacts().stream()
                .filter(a -> a.name().equals(AdversarialGallery.INDEX)).findFirst().orElseThrow();
        return JSON.readTree(bytes(index.key()));
    }

    private byte[] bytes(String key) throws Exception {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    /** What was measured: the result without its timings, as JSON. */
    private static String measured(EvaluationResult r) {
        return EvaluationJson.write(new EvaluationResult(r.specHash(), r.samples(), r.cleanAccuracy(),
                r.cleanCorrect(), r.epsilons(), r.curves(), r.worstCases(), r.corruptions(), r.weightNoise(),
                r.warnings(), null));
    }
}
