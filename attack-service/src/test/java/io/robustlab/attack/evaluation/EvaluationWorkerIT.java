package io.robustlab.attack.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.CorruptionPoint;
import io.robustlab.contracts.message.WorkerEvent.CurvePoint;
import io.robustlab.contracts.message.WorkerEvent.Failed;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.contracts.message.WorkerEvent.WeightNoisePoint;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.core.evaluation.EvaluationJson;
import io.robustlab.core.evaluation.EvaluationResult;
import io.robustlab.worker.testing.EventStream;
import io.robustlab.worker.testing.EventStream.Received;
import io.robustlab.worker.testing.TestBroker;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * An attack worker against a real RabbitMQ evaluates a small Fashion-MNIST MLP stored as a train job's model
 * folder, streaming what it measures.
 */
class EvaluationWorkerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(180);

    @TempDir
    static Path temp;

    private static TestBroker broker;
    private static EventStream events;
    private static FileSystemArtifactStore store;
    private static ConfigurableApplicationContext worker;
    private static String modelPrefix;

    @BeforeAll
    static void trainAModelAndStartAWorker() throws Exception {
        broker = TestBroker.connect();
        broker.declareTopology();
        events = broker.events();
        store = new FileSystemArtifactStore(temp.resolve("store"));
        modelPrefix = EvaluationWorkers.storedModel(store, temp);
        worker = EvaluationWorkers.start(broker, store.root(), temp.resolve("work"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static JobMessage evaluate(String trainJob, String modelArtifact) {
        String spec = """
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"trainJob": "%s"},
                 "dataset": {"name": "fashion-mnist"}, "samples": 100,
                 "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 5}],
                 "epsilons": [{"values": [0, 0.05, 0.1]}],
                 "corruptions": {"names": ["gaussian-noise"], "severities": [1]},
                 "weightNoise": {"sigmas": [0.1], "draws": 2}, "batchSize": 100}""".formatted(trainJob);
        return new JobMessage(UUID.randomUUID().toString(), 1, SpecCodec.parse(spec).withDefaults(), modelArtifact);
    }

    @Test
    void anEvaluationStreamsItsPointsAndStoresItsResult() throws Exception {
        JobMessage job = evaluate("train-job", modelPrefix);

        broker.publishJob(job);
        Received end = events.awaitEnd(job.jobId(), DEADLINE);

        assertThat(end.payload()).isInstanceOf(Succeeded.class);
        assertThat(end.routingKey()).isEqualTo("attack.succeeded");
        Artifact stored = ((Succeeded) end.payload()).artifacts().getFirst();
        assertThat(stored.name()).isEqualTo("result.json");
        assertThat(stored.key()).isEqualTo("jobs/" + job.jobId() + "/attempt-1/result.json");
        EvaluationResult result;
        try (var in = store.open(stored.key())) {
            result = EvaluationJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        List<CurvePoint> points = events.results(job.jobId()).stream().filter(CurvePoint.class::isInstance)
                .map(CurvePoint.class::cast).toList();
        assertThat(points).extracting(CurvePoint::curve).containsOnly("fgsm (L∞)", "linf-pgd (L∞)",
                "worst-case L∞", "worst-case (all attacks)");
        assertThat(points).hasSize(4 * 3);
        assertThat(points).extracting(CurvePoint::norm).containsOnly("linf");
        assertThat(points).extracting(CurvePoint::samples).containsOnly(100);
        assertThat(points).filteredOn(p -> p.epsilon() == 0).extracting(CurvePoint::accuracy)
                .containsOnly(result.cleanAccuracy());
        for (CurvePoint point : points) {
            assertThat(point.accuracy()).as(point.curve() + " at " + point.epsilon())
                    .isEqualTo(result.curve(point.curve()).robustAccuracy()[result.epsilonIndex(point.epsilon())]);
        }
        assertThat(events.results(job.jobId())).filteredOn(CorruptionPoint.class::isInstance)
                .containsExactly(new CorruptionPoint("gaussian-noise", 1,
                        result.corruptions().rows().getFirst().accuracy(), 100));
        assertThat(events.results(job.jobId())).filteredOn(WeightNoisePoint.class::isInstance).hasSize(1);

        // The gallery: up to four fooled samples per attack, three 112×112 grey PNGs each, listed in index.json.
        Map<String, Artifact> artifacts = ((Succeeded) end.payload()).artifacts().stream()
                .collect(Collectors.toMap(Artifact::name, Function.identity()));
        AdversarialGallery.Index index;
        try (var in = store.open(artifacts.get(AdversarialGallery.INDEX).key())) {
            index = JsonMapper.builder().build().readValue(in.readAllBytes(), AdversarialGallery.Index.class);
        }
        assertThat(index.attacks()).extracting(AdversarialGallery.AttackEntries::curve)
                .containsExactly("fgsm (L∞)", "linf-pgd (L∞)");
        for (AdversarialGallery.AttackEntries attack : index.attacks()) {
            assertThat(attack.samples()).as(attack.curve()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
            for (AdversarialGallery.Entry entry : attack.samples()) {
                assertThat(entry.adversarialPrediction()).isNotEqualTo(entry.label());
                assertThat(entry.cleanPrediction()).isEqualTo(entry.label());
                assertThat(result.curve(attack.curve()).brokenAt(result.epsilonIndex(entry.epsilon()))
                        .get(entry.sample())).isTrue();
                assertThat(entry.perturbationNorm()).isPositive().isLessThanOrEqualTo(entry.epsilon() + 1e-6);
                for (String name : List.of(entry.clean(), entry.adversarial(), entry.perturbation())) {
                    assertThat(name).startsWith("gallery/" + attack.folder() + "/" + entry.sample() + "-");
                    Artifact png = artifacts.get(name);
                    assertThat(png).as(name).isNotNull();
                    assertThat(png.key()).isEqualTo("jobs/" + job.jobId() + "/attempt-1/" + name);
                    assertThat(png.contentType()).isEqualTo("image/png");
                    BufferedImage image;
                    try (var in = store.open(png.key())) {
                        image = ImageIO.read(in);
                    }
                    assertThat(image).as(name).isNotNull();
                    assertThat(image.getWidth()).isEqualTo(112);
                    assertThat(image.getHeight()).isEqualTo(112);
                    assertThat(image.getRaster().getNumBands()).isEqualTo(1);
                }
                assertThat(artifacts).containsKey(entry.scale());
            }
        }
    }

    @Test
    void aModelThatIsNotStoredFailsTheJobSayingSo() throws Exception {
        JobMessage job = evaluate("gone", "jobs/" + UUID.randomUUID() + "/attempt-1/model/");

        broker.publishJob(job);
        Received end = events.awaitEnd(job.jobId(), DEADLINE);

        Failed failed = (Failed) end.payload();
        assertThat(failed.reason()).startsWith("model not found").contains("train job gone");
        assertThat(failed.retryable()).isFalse();
    }
}
