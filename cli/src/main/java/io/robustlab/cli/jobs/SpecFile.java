package io.robustlab.cli.jobs;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.client.RobustLabApi;
import io.robustlab.contracts.spec.InvalidSpecException;
import io.robustlab.contracts.spec.JobSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.SpecViolation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A job spec from a file, ready to send: JSON as written, or YAML ({@code .yaml}, {@code .yml}) turned into JSON,
 * with any {@code --label}s added to {@code metadata.labels}, and validated by job-contracts' {@link SpecCodec} — the
 * rules the API applies — so that a bad spec is refused here, with every offending field named, before any request.
 *
 * @param json the JSON to send
 * @param spec the spec as the API will read it (defaults filled in); null when read without validation
 */
public record SpecFile(String json, JobSpec spec) {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * @throws CliException {@link Exit#USAGE} when the file cannot be read, is not JSON or YAML, or is not a valid
     *                      spec (the message lists every violation by field)
     */
    public static SpecFile read(Path file, Map<String, String> labels) {
        String text = text(file);
        String json = isYaml(file) ? yamlToJson(file, text) : text;
        if (!labels.isEmpty()) {
            validate(file, json);
            json = withLabels(file, json, labels);
        }
        return new SpecFile(json, validate(file, json));
    }

    /**
     * As {@link #read}, without job-contracts' validation: for an API newer than this CLI, whose specs may have
     * fields this CLI does not know. The API still validates, and its answer names every bad field.
     *
     * @return the spec file with a null {@link #spec()}
     * @throws CliException {@link Exit#USAGE} when the file cannot be read, or (with labels) is not a JSON object
     */
    public static SpecFile readUnchecked(Path file, Map<String, String> labels) {
        String text = text(file);
        String json = isYaml(file) ? yamlToJson(file, text) : text;
        if (!labels.isEmpty()) {
            json = withLabels(file, json, labels);
        }
        return new SpecFile(json, null);
    }

    /** {@code --label key=value} options as a map, in the order given; a later key wins. */
    public static Map<String, String> labels(List<String> options) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String option : options == null ? List.<String>of() : options) {
            int equals = option.indexOf('=');
            if (equals <= 0) {
                throw new CliException(Exit.USAGE, "--label must be KEY=VALUE (got '" + option + "')");
            }
            labels.put(option.substring(0, equals), option.substring(equals + 1));
        }
        return labels;
    }

    private static String text(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new CliException(Exit.USAGE, "spec file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new CliException(Exit.USAGE, "spec file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CliException(Exit.USAGE, "cannot read spec file " + file + ": " + e.getMessage());
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static String yamlToJson(Path file, String yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new CliException(Exit.USAGE, "spec file " + file + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new CliException(Exit.USAGE, "spec file " + file + " is empty");
        }
        return RobustLabApi.JSON.writeValueAsString(tree);
    }

    private static String withLabels(Path file, String json, Map<String, String> labels) {
        JsonNode root;
        try {
            root = RobustLabApi.JSON.readTree(json);
        } catch (JacksonException e) {
            throw new CliException(Exit.USAGE, "spec file " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode spec)) {
            throw new CliException(Exit.USAGE, "spec file " + file + " is not a JSON object");
        }
        ObjectNode labelled = object(file, object(file, spec, "metadata"), "labels");
        labels.forEach(labelled::put);
        return RobustLabApi.JSON.writeValueAsString(spec);
    }

    /** The object under {@code name}, created when absent or null. */
    private static ObjectNode object(Path file, ObjectNode parent, String name) {
        JsonNode child = parent.path(name);
        if (child.isObject()) {
            return (ObjectNode) child;
        }
        if (!child.isMissingNode() && !child.isNull()) {
            throw new CliException(Exit.USAGE, "spec file " + file + ": " + name + " must be an object to add "
                    + "--label to it");
        }
        return parent.putObject(name);
    }

    private static JobSpec validate(Path file, String json) {
        try {
            return SpecCodec.parse(json);
        } catch (InvalidSpecException e) {
            List<SpecViolation> violations = e.violations();
            StringBuilder message = new StringBuilder("spec file ").append(file).append(" is not a valid spec (")
                    .append(violations.size()).append(violations.size() == 1 ? " problem)" : " problems)");
            for (SpecViolation violation : violations) {
                message.append(System.lineSeparator()).append("  ")
                        .append(violation.field().isEmpty() ? "(spec)" : violation.field()).append(": ")
                        .append(violation.message());
            }
            throw new CliException(Exit.USAGE, message.toString());
        }
    }
}
