package io.robustlab.contracts.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Spec JSON for tests: a minimal valid spec, edits of it, and the examples shipped in examples/. */
final class Specs {

    static final String MINIMAL = """
            {
              "apiVersion": "robustlab/v1",
              "kind": "Train",
              "dataset": {"name": "fashion-mnist"},
              "model": {"architecture": "mlp", "hidden": [64]}
            }
            """;

    static final String MINIMAL_EVALUATE = """
            {
              "apiVersion": "robustlab/v1",
              "kind": "Evaluate",
              "model": {"path": "runs/mlp/model"},
              "dataset": {"name": "fashion-mnist"},
              "attacks": [{"name": "linf-pgd"}],
              "epsilons": [{"values": [0, 0.1]}]
            }
            """;

    /** examples/ at the repository root, whether tests run from the module (Maven) or from the root. */
    static final Path EXAMPLES = Files.isDirectory(Path.of("examples")) ? Path.of("examples") : Path.of("..", "examples");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Specs() {
    }

    /**
     * The minimal spec with edits applied, each {@code path=json}: {@code model.hidden=[1024, 0]} sets a field
     * (making the objects on its path), {@code epochs=null} sets it to JSON null, which means left out.
     */
    static String minimalWith(String... edits) {
        return edit(MINIMAL, edits);
    }

    /** The minimal Evaluate spec with edits applied, as {@link #minimalWith}. */
    static String minimalEvaluateWith(String... edits) {
        return edit(MINIMAL_EVALUATE, edits);
    }

    static String edit(String json, String... edits) {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        for (String edit : edits) {
            int equals = edit.indexOf('=');
            String[] path = edit.substring(0, equals).trim().split("\\.");
            JsonNode value = JSON.readTree(edit.substring(equals + 1).trim());
            ObjectNode parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.get(path[i]) instanceof ObjectNode child ? child : parent.putObject(path[i]);
            }
            parent.set(path[path.length - 1], value);
        }
        return JSON.writeValueAsString(root);
    }

    static TrainSpec parseTrain(String json) {
        return (TrainSpec) SpecCodec.parse(json);
    }

    static EvaluateSpec parseEvaluate(String json) {
        return (EvaluateSpec) SpecCodec.parse(json);
    }

    static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String example(String name) {
        return read(EXAMPLES.resolve(name));
    }
}
