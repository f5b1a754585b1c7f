package io.robustlab.contracts.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.CurvePoint;
import io.robustlab.contracts.message.WorkerEvent.Failed;
import io.robustlab.contracts.message.WorkerEvent.Progress;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.contracts.spec.JobSpec;
import io.robustlab.contracts.spec.SpecCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final JobSpec TRAIN = SpecCodec.parse("""
            {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "n", "labels": {"a": "b"}},
             "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [64]}, "seed": 5}
            """);

    @Test
    void jobMessageRoundTripsWithTheSameSpecHash() {
        JobMessage sent = new JobMessage("job-1", 2, TRAIN, null);
        JobMessage read = MessageCodec.decodeJob(MessageCodec.encode(sent));
        assertThat(read.jobId()).isEqualTo("job-1");
        assertThat(read.attempt()).isEqualTo(2);
        assertThat(read.kind()).isEqualTo("Train");
        assertThat(read.modelArtifact()).isNull();
        assertThat(SpecCodec.specHash(read.spec())).isEqualTo(SpecCodec.specHash(TRAIN));
        assertThat(read.spec().metadata()).isEqualTo(TRAIN.metadata());
    }

    @Test
    void workerEventsRoundTripEveryPayload() {
        Instant at = Instant.parse("2026-11-22T05:00:00.123Z");
        List<WorkerEvent.Payload> payloads = List.of(
                new WorkerEvent.Started("w1", "cpu", 2, "PyTorch 2.7.1"),
                new WorkerEvent.Heartbeat(),
                new Progress(42.5, "epoch 3/10", 12.0, null),
                new WorkerEvent.EpochMetric(3, 0.5, 0.8, null, 0.79, 0.1, 2.5),
                new CurvePoint("linf-pgd", "linf", 0.03, 0.25, 1000),
                new WorkerEvent.CorruptionPoint("gaussian-noise", 3, 0.6, 100),
                new WorkerEvent.WeightNoisePoint(0.1, 0.7, 0.02, 5),
                new Succeeded(List.of(new Artifact("result.json", "jobs/j/attempt-1/result.json", 10, "ab", "application/json"))),
                new Failed("the loss diverged to NaN at epoch 3", false),
                new WorkerEvent.Cancelled("cancelled by the user"));
        long sequence = 0;
        for (WorkerEvent.Payload payload : payloads) {
            WorkerEvent sent = new WorkerEvent("job-1", 1, "run-a", sequence++, at, payload);
            assertThat(MessageCodec.decodeEvent(MessageCodec.encode(sent))).isEqualTo(sent);
        }
        assertThat(payloads).extracting(WorkerEvent.Payload::type).containsExactly("started", "heartbeat", "progress",
                "epoch-metric", "curve-point", "corruption-point", "weight-noise-point", "succeeded", "failed",
                "cancelled");
        assertThat(new String(MessageCodec.encode(new WorkerEvent("j", 1, "r", 0, at, new Progress(1, "p", null, null))),
                StandardCharsets.UTF_8)).contains("\"type\":\"progress\"");
    }

    @Test
    void anUnknownSchemaVersionIsUnreadable() {
        String json = new String(MessageCodec.encode(new JobMessage("job-1", 1, TRAIN, null)), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> MessageCodec.decodeJob(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("schema version");
    }

    @Test
    void aJobMessageWithAnInvalidSpecIsUnreadable() {
        String json = new String(MessageCodec.encode(new JobMessage("job-1", 1, TRAIN, null)), StandardCharsets.UTF_8)
                .replace("\"hidden\":[64]", "\"hidden\":[-1]").replace("\"hidden\" : [ 64 ]", "\"hidden\":[-1]");
        assertThat(json).contains("-1");
        assertThatThrownBy(() -> MessageCodec.decodeJob(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("model.hidden[0]");
    }

    @Test
    void garbageIsUnreadable() {
        assertThatThrownBy(() -> MessageCodec.decodeJob("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> MessageCodec.decodeEvent("{\"schemaVersion\":1,\"jobId\":\"j\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class);
        assertThatThrownBy(() -> MessageCodec.decodeEvent(
                "{\"schemaVersion\":1,\"jobId\":\"j\",\"runId\":\"r\",\"at\":\"2026-01-01T00:00:00Z\",\"payload\":{\"type\":\"exploded\"}}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class);
    }

    @Test
    void topologyNamesAreNamespaced() {
        Topology topology = new Topology("robustlab");
        assertThat(topology.jobsExchange()).isEqualTo("robustlab.jobs");
        assertThat(topology.trainQueue()).isEqualTo("robustlab.train");
        assertThat(topology.attackQueue()).isEqualTo("robustlab.attack");
        assertThat(topology.eventsExchange()).isEqualTo("robustlab.events");
        assertThat(topology.controlExchange()).isEqualTo("robustlab.control");
        assertThat(Topology.routingKey("Evaluate")).isEqualTo(Topology.ATTACK);
        assertThatThrownBy(() -> new Topology("Bad Name")).isInstanceOf(IllegalArgumentException.class);
    }
}
