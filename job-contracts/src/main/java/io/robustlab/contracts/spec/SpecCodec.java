package io.robustlab.contracts.spec;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Job specs to and from JSON: the one way the API, the CLI and the workers read and write them.
 *
 * <p>{@link #parse} reads a spec of any kind, fills its defaults and validates it, reporting every unknown
 * field, wrong type and broken rule at once. {@link #canonicalJson} and {@link #specHash} identify the work a
 * spec asks for: two specs that differ only in key order, in defaults left out or written, or in metadata have
 * the same hash. All methods are thread-safe.
 */
public final class SpecCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SpecCodec() {
    }

    /**
     * Reads a spec, fills its defaults and validates it.
     *
     * @return the spec with every default filled in
     * @throws InvalidSpecException with every violation: malformed JSON (with line and column), an unknown
     *                              field, a wrong type, or a broken rule
     */
    public static JobSpec parse(String json) {
        return parseTree(() -> JSON.readTree(json));
    }

    /** As {@link #parse(String)}, from UTF-8 (or UTF-16/32, detected) bytes. */
    public static JobSpec parse(byte[] json) {
        return parseTree(() -> JSON.readTree(json));
    }

    /**
     * As {@link #parse(String)}, from a stream, which is read to its end but not closed.
     *
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static JobSpec parse(InputStream json) {
        return parseTree(() -> JSON.readTree(json));
    }

    private static JobSpec parseTree(Supplier<JsonNode> jsonReader) {
        JsonNode root;
        try {
            root = jsonReader.get();
        } catch (JacksonIOException e) {
            throw new UncheckedIOException(e.getCause());
        } catch (JacksonException e) {
            throw new InvalidSpecException(List.of(new SpecViolation("", malformed(e))));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidSpecException(List.of(new SpecViolation("", "the spec is empty")));
        }
        SpecChecks reading = new SpecChecks();
        JobSpec spec = SpecReader.read(root, reading);
        List<SpecViolation> violations = new ArrayList<>(reading.violations());
        if (spec != null) {
            spec = spec.withDefaults();
            spec.violations().stream()
                    .filter(rule -> violations.stream().noneMatch(unread -> covers(unread, rule)))
                    .forEach(violations::add);
        }
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        return spec;
    }

    private static String malformed(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        // Jackson's hints name its own switches ("enable `JsonReadFeature...` to allow"): not for our users.
        String problem = e.getOriginalMessage().replaceAll(": enable `[^`]*` to allow", "");
        return "malformed JSON" + where + ": " + problem;
    }

    /**
     * A field that could not be read is null in the record; a rule about it (often "is required") would only
     * repeat the reading error, so it is not reported.
     */
    private static boolean covers(SpecViolation unread, SpecViolation rule) {
        String field = unread.field();
        return rule.field().equals(field)
                || rule.field().startsWith(field + ".")
                || rule.field().startsWith(field + "[");
    }

    /** The spec as given (defaults not filled in), indented for people, fields in record order. */
    public static String toJson(JobSpec spec) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(spec));
    }

    /** As {@link #toJson}, as a JSON tree, for embedding in another document (a job message) without re-parsing. */
    public static ObjectNode toTree(JobSpec spec) {
        return SpecWriter.tree((Record) spec, false);
    }

    /**
     * The canonical form: defaults filled in, metadata left out, nulls left out, keys sorted at every level,
     * no whitespace, numbers as ECMAScript prints them (RFC 8785).
     *
     * @throws InvalidSpecException if the spec is not valid: only valid work has an identity
     */
    public static String canonicalJson(JobSpec spec) {
        JobSpec filled = spec.withDefaults();
        List<SpecViolation> violations = filled.violations();
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        ObjectNode tree = SpecWriter.tree((Record) filled, true);
        tree.remove("metadata");
        return JSON.writeValueAsString(tree);
    }

    /**
     * The identity of the work a spec asks for: lowercase hex SHA-256 of the UTF-8 bytes of
     * {@link #canonicalJson}.
     *
     * @throws InvalidSpecException if the spec is not valid
     */
    public static String specHash(JobSpec spec) {
        try {
            byte[] canonical = canonicalJson(spec).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
