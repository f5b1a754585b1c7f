package io.robustlab.contracts.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a worker reports about a job it runs, published to {@link Topology#eventsExchange()}.
 *
 * <p>The API applies events idempotently: {@code (jobId, runId, sequence)} identifies an event, so a duplicate is
 * recognised, and an event whose {@code attempt} is older than the job's current attempt is ignored.
 *
 * @param schemaVersion {@link MessageCodec#SCHEMA_VERSION}
 * @param jobId         the job
 * @param attempt       the attempt of the job message being run
 * @param runId         one execution of the message by one worker: a redelivered message is a new run of the same
 *                      attempt
 * @param sequence      0, 1, 2… within a run, in the order the worker published them
 * @param at            when the worker published it
 * @param payload       what happened
 */
public record WorkerEvent(int schemaVersion, String jobId, int attempt, String runId, long sequence, Instant at,
        Payload payload) {

    public WorkerEvent(String jobId, int attempt, String runId, long sequence, Instant at, Payload payload) {
        this(MessageCodec.SCHEMA_VERSION, jobId, attempt, runId, sequence, at, payload);
    }

    /** What an event says; {@code type} in JSON. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Started.class, name = "started"),
            @JsonSubTypes.Type(value = Heartbeat.class, name = "heartbeat"),
            @JsonSubTypes.Type(value = Progress.class, name = "progress"),
            @JsonSubTypes.Type(value = EpochMetric.class, name = "epoch-metric"),
            @JsonSubTypes.Type(value = CurvePoint.class, name = "curve-point"),
            @JsonSubTypes.Type(value = CorruptionPoint.class, name = "corruption-point"),
            @JsonSubTypes.Type(value = WeightNoisePoint.class, name = "weight-noise-point"),
            @JsonSubTypes.Type(value = Succeeded.class, name = "succeeded"),
            @JsonSubTypes.Type(value = Failed.class, name = "failed"),
            @JsonSubTypes.Type(value = Cancelled.class, name = "cancelled")})
    public sealed interface Payload permits Started, Heartbeat, Progress, EpochMetric, CurvePoint, CorruptionPoint,
            WeightNoisePoint, Succeeded, Failed, Cancelled {

        /** The event's {@code type} as written in JSON ({@code started}, {@code curve-point}…). */
        default String type() {
            return TypeNames.OF.get(getClass());
        }

        /** Whether this event ends the run. */
        default boolean terminal() {
            return this instanceof Succeeded || this instanceof Failed || this instanceof Cancelled;
        }
    }

    /** The JSON type names, read from {@link Payload}'s {@link JsonSubTypes}: written once. */
    private static final class TypeNames {

        static final Map<Class<?>, String> OF = Arrays.stream(Payload.class.getAnnotation(JsonSubTypes.class).value())
                .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));
    }

    /** The worker took the job. */
    public record Started(String workerId, String device, int threads, String engine) implements Payload {
    }

    /** The worker is alive and still running the job; the API's lease watchdog relies on these. */
    public record Heartbeat() implements Payload {
    }

    /**
     * How far the job is.
     *
     * @param percent          0–100
     * @param phase            e.g. "epoch 3/10" or "linf-pgd ε=0.03"
     * @param etaSeconds       estimated seconds left, null when unknown
     * @param samplesPerSecond the current rate, null when unknown
     */
    public record Progress(double percent, String phase, Double etaSeconds, Double samplesPerSecond)
            implements Payload {
    }

    /** One training epoch's numbers; losses and accuracies may be null when not measured. */
    public record EpochMetric(int epoch, Double trainLoss, Double trainAccuracy, Double testLoss, Double testAccuracy,
            Double learningRate, double seconds) implements Payload {
    }

    /**
     * One point of a robustness curve.
     *
     * @param curve    the attack's curve label, or a worst-case curve's label
     * @param norm     "linf", "l2", or "mixed" for the worst case across norms
     * @param epsilon  the perturbation budget
     * @param accuracy robust accuracy at epsilon, in [0, 1]
     * @param samples  how many samples it was measured on
     */
    public record CurvePoint(String curve, String norm, double epsilon, double accuracy, int samples)
            implements Payload {
    }

    /** Accuracy under one corruption at one severity (1–5). */
    public record CorruptionPoint(String corruption, int severity, double accuracy, int samples) implements Payload {
    }

    /** Accuracy under relative Gaussian weight noise of scale sigma, over several draws. */
    public record WeightNoisePoint(double sigma, double meanAccuracy, double stdAccuracy, int draws)
            implements Payload {
    }

    /**
     * The job finished; its outputs are in the artifact store.
     *
     * @param artifacts every artifact the run wrote
     */
    public record Succeeded(List<Artifact> artifacts) implements Payload {
    }

    /**
     * The job failed.
     *
     * @param reason    what went wrong, in words a user can act on ("the loss diverged to NaN at epoch 3")
     * @param retryable whether running it again may succeed (a storage timeout), or not (a bad spec, NaN)
     */
    public record Failed(String reason, boolean retryable) implements Payload {
    }

    /** The job stopped because it was cancelled. */
    public record Cancelled(String reason) implements Payload {
    }

    /**
     * One file a job wrote to the artifact store.
     *
     * @param name        its name within the job, e.g. {@code model/weights.npz} or {@code result.json}
     * @param key         its key in the artifact store
     * @param sizeBytes   its size
     * @param sha256      lowercase hex SHA-256 of its bytes
     * @param contentType its media type
     */
    public record Artifact(String name, String key, long sizeBytes, String sha256, String contentType) {
    }
}
