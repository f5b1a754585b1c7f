package io.robustlab.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Compose Specification's JSON schema (draft 7), checking a compose file as Docker Compose loads it. */
final class ComposeSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchema schema;
    private final String origin;

    private ComposeSchema(JsonNode schema, String origin) {
        // The file names its meta-schema by an https address the validator would try to fetch (draft 7 is built in),
        // and has a relative $id with nothing to resolve it against; its $refs are all within the file.
        ((ObjectNode) schema).remove(List.of("$schema", "$id"));
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        this.origin = origin;
    }

    /** The copy committed with these tests (see compose-spec.NOTICE.txt). */
    static ComposeSchema committed() {
        try (InputStream in = ComposeSchema.class.getResourceAsStream("/compose-spec.json")) {
            return new ComposeSchema(JSON.readTree(in), "deploy-check/src/test/resources/compose-spec.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one in the shared folder beside the repository, when there is one. */
    static ComposeSchema shared(Path file) {
        try {
            return new ComposeSchema(JSON.readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about a compose document, each as one line; empty when it is valid. */
    List<String> problems(Map<String, Object> document) {
        return schema.validate(JSON.valueToTree(document)).stream().map(ValidationMessage::getMessage).sorted()
                .toList();
    }

    String origin() {
        return origin;
    }
}
