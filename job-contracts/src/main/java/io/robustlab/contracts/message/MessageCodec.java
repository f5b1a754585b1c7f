package io.robustlab.contracts.message;

import io.robustlab.contracts.spec.InvalidSpecException;
import io.robustlab.contracts.spec.JobSpec;
import io.robustlab.contracts.spec.SpecCodec;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages to and from UTF-8 JSON bytes: the one way the API and the workers encode what they send. A job
 * message's spec is written and read with {@link SpecCodec}, so it is validated like a submitted spec.
 * Thread-safe.
 */
public final class MessageCodec {

    /** The version of the message schema this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MessageCodec() {
    }

    public static byte[] encode(JobMessage message) {
        ObjectNode tree = JSON.createObjectNode();
        tree.put("schemaVersion", message.schemaVersion());
        tree.put("jobId", message.jobId());
        tree.put("attempt", message.attempt());
        tree.put("kind", message.kind());
        tree.set("spec", SpecCodec.toTree(message.spec()));
        if (message.modelArtifact() != null) {
            tree.put("modelArtifact", message.modelArtifact());
        }
        return JSON.writeValueAsBytes(tree);
    }

    /**
     * Reads a job message and its spec.
     *
     * @throws UnreadableMessageException when the bytes are not a job message of this schema version, or its spec
     *                                    is invalid
     */
    public static JobMessage decodeJob(byte[] bytes) {
        JsonNode tree = readTree(bytes);
        checkVersion(tree);
        String jobId = text(tree, "jobId");
        JsonNode attempt = tree.get("attempt");
        if (attempt == null || !attempt.canConvertToInt() || attempt.intValue() < 1) {
            throw new UnreadableMessageException("job message " + jobId + ": attempt must be an integer ≥ 1");
        }
        JsonNode spec = tree.get("spec");
        if (spec == null || !spec.isObject()) {
            throw new UnreadableMessageException("job message " + jobId + " has no spec");
        }
        JobSpec parsed;
        try {
            parsed = SpecCodec.parse(spec.toString());
        } catch (InvalidSpecException e) {
            throw new UnreadableMessageException("job message " + jobId + " has an invalid spec: " + e.getMessage(),
                    e);
        }
        JsonNode model = tree.get("modelArtifact");
        return new JobMessage(SCHEMA_VERSION, jobId, attempt.intValue(), parsed,
                model == null || model.isNull() ? null : model.asString());
    }

    public static byte[] encode(WorkerEvent event) {
        return JSON.writeValueAsBytes(event);
    }

    /** @throws UnreadableMessageException when the bytes are not a worker event of this schema version */
    public static WorkerEvent decodeEvent(byte[] bytes) {
        JsonNode tree = readTree(bytes);
        checkVersion(tree);
        try {
            WorkerEvent event = JSON.treeToValue(tree, WorkerEvent.class);
            if (event.jobId() == null || event.runId() == null || event.payload() == null || event.at() == null) {
                throw new UnreadableMessageException("a worker event needs jobId, runId, at and payload");
            }
            return event;
        } catch (JacksonException e) {
            throw new UnreadableMessageException("not a worker event: " + e.getOriginalMessage(), e);
        }
    }

    public static byte[] encode(CancelRequest cancel) {
        return JSON.writeValueAsBytes(cancel);
    }

    /** @throws UnreadableMessageException when the bytes are not a cancel request of this schema version */
    public static CancelRequest decodeCancel(byte[] bytes) {
        JsonNode tree = readTree(bytes);
        checkVersion(tree);
        try {
            return JSON.treeToValue(tree, CancelRequest.class);
        } catch (JacksonException e) {
            throw new UnreadableMessageException("not a cancel request: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new UnreadableMessageException("a message is a JSON object");
            }
            return tree;
        } catch (JacksonException e) {
            throw new UnreadableMessageException("malformed JSON: "
                    + abbreviate(new String(bytes, StandardCharsets.UTF_8)), e);
        }
    }

    private static void checkVersion(JsonNode tree) {
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt() || version.intValue() != SCHEMA_VERSION) {
            throw new UnreadableMessageException("unknown schema version " + version + " (this code reads "
                    + SCHEMA_VERSION + ")");
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new UnreadableMessageException("a job message needs " + field);
        }
        return value.asString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
