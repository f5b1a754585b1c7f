package io.robustlab.contracts.spec;

import static io.robustlab.contracts.spec.Specs.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The canonical form and the spec hash: the same work hashes the same, different work differently. */
class SpecHashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Pinned: if this changes, every stored specHash stops matching the specs it was computed from. */
    private static final String MINIMAL_CANONICAL = "{\"apiVersion\":\"robustlab/v1\",\"batchSize\":100,"
            + "\"dataset\":{\"name\":\"fashion-mnist\",\"seed\":0,\"testSize\":10000,\"trainSize\":60000},"
            + "\"epochs\":10,\"kind\":\"Train\",\"method\":{\"name\":\"standard\"},"
            + "\"model\":{\"activation\":{\"name\":\"relu\"},\"architecture\":\"mlp\","
            + "\"head\":\"softmax-cross-entropy\",\"hidden\":[64]},"
            + "\"optimizer\":{\"learningRate\":0.01,\"momentum\":0.9,\"name\":\"sgd\","
            + "\"schedule\":{\"name\":\"constant\"},\"weightDecay\":0},\"seed\":0}";
    private static final String MINIMAL_HASH =
            "51076532660bf41e4f83a084e02ec5ebeb7bb0c40a624babffc08b68927ca7b3";

    private static String hash(String json) {
        return SpecCodec.specHash(SpecCodec.parse(json));
    }

    @Test
    void theCanonicalFormOfAFixedSpecIsPinned() {
        assertThat(SpecCodec.canonicalJson(SpecCodec.parse(Specs.MINIMAL))).isEqualTo(MINIMAL_CANONICAL);
        assertThat(hash(Specs.MINIMAL)).isEqualTo(MINIMAL_HASH);
    }

    @Test
    void theCanonicalFormIsCompactSortedAndWithoutMetadata() {
        for (Path file : Specs.examples()) {
            String canonical = SpecCodec.canonicalJson(SpecCodec.parse(Specs.read(file)));
            JsonNode tree = JSON.readTree(canonical);

            assertThat(canonical).as(file.toString()).doesNotContainPattern("\\s").doesNotContain("metadata");
            assertSortedAtEveryLevel(tree, file.toString());
        }
    }

    private static void assertSortedAtEveryLevel(JsonNode node, String where) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.propertyNames());
            assertThat(keys).as(where).isSorted();
        }
        node.values().forEach(child -> assertSortedAtEveryLevel(child, where));
    }

    @Test
    void numbersPrintStably() {
        String canonical = SpecCodec.canonicalJson(SpecCodec.parse(minimalWith(
                "optimizer={\"name\": \"adam\", \"weightDecay\": 0.1}",
                "model.activation={\"name\": \"relog\"}",
                "method={\"name\": \"adversarial\", \"epsilon\": 0.3}")));

        assertThat(canonical)
                .contains("\"epsilon\":1e-8", "\"weightDecay\":0.1", "\"learningRate\":0.001", "\"beta2\":0.999")
                .contains("\"base\":2.718281828459045", "\"offset\":0", "\"epsilon\":1,")
                .contains("\"stepSize\":0.075", "\"mixRatio\":1,", "\"epochs\":10,", "\"hidden\":[64]");
    }

    @Test
    void keyOrderDoesNotChangeTheHash() {
        for (Path file : Specs.examples()) {
            String json = Specs.read(file);
            String reversed = JSON.writeValueAsString(reversedKeys(JSON.readTree(json)));

            assertThat(reversed).isNotEqualTo(JSON.writeValueAsString(JSON.readTree(json)));
            assertThat(hash(reversed)).as(file.toString()).isEqualTo(hash(json));
        }
    }

    private static JsonNode reversedKeys(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        List<String> keys = new ArrayList<>(node.propertyNames());
        ObjectNode reversed = JSON.createObjectNode();
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.set(keys.get(i), reversedKeys(node.get(keys.get(i))));
        }
        return reversed;
    }

    @Test
    void writingTheDefaultsOutDoesNotChangeTheHash() {
        String allWritten = SpecCodec.toJson(SpecCodec.parse(Specs.MINIMAL));
        assertThat(allWritten).contains("\"trainSize\" : 60000", "\"momentum\" : 0.9");

        assertThat(hash(allWritten)).isEqualTo(MINIMAL_HASH);
        assertThat(hash(minimalWith("dataset.trainSize=60000", "dataset.testSize=10000", "epochs=10",
                "optimizer={\"name\": \"sgd\", \"learningRate\": 0.01, \"momentum\": 0.9, \"weightDecay\": 0}",
                "model.activation=\"relu\"", "seed=0", "dataset.seed=0"))).isEqualTo(MINIMAL_HASH);
        assertThat(hash(minimalWith("method={\"name\": \"adversarial\", \"epsilon\": 0.3}")))
                .isEqualTo(hash(minimalWith("method={\"name\": \"adversarial\", \"epsilon\": 0.3, \"attack\": \"pgd\","
                        + " \"steps\": 10, \"stepSize\": 0.075, \"randomStart\": true, \"mixRatio\": 1.0}")));
    }

    @Test
    void metadataDoesNotChangeTheHash() {
        assertThat(hash(minimalWith("metadata={\"name\": \"renamed\", \"labels\": {\"team\": \"a\"}}")))
                .isEqualTo(MINIMAL_HASH);
        assertThat(hash(minimalWith("metadata={\"labels\": {\"team\": \"b\"}}"))).isEqualTo(MINIMAL_HASH);
    }

    static List<String> changesOfRealValues() {
        return List.of(
                "epochs=11", "batchSize=50", "seed=1",
                "dataset.name=\"mnist\"", "dataset.trainSize=59999", "dataset.testSize=9999", "dataset.seed=1",
                "model.hidden=[65]", "model.hidden=[64, 64]", "model.activation=\"tanh\"",
                "model.activation={\"name\": \"relog\", \"base\": 2}", "model.head=\"sigmoid-mse\"",
                "optimizer.learningRate=0.02", "optimizer.momentum=0.8", "optimizer.weightDecay=0.0001",
                "optimizer.name=\"adam\"", "optimizer.schedule={\"name\": \"cosine\"}",
                "method={\"name\": \"adversarial\", \"epsilon\": 0.3}",
                "method={\"name\": \"adversarial\", \"epsilon\": 0.2}",
                "method={\"name\": \"adversarial\", \"epsilon\": 0.3, \"randomStart\": false}",
                "method={\"name\": \"adversarial\", \"epsilon\": 0.3, \"mixRatio\": 0.5}",
                "method={\"name\": \"adversarial\", \"epsilon\": 0.3, \"attack\": \"fgsm\"}");
    }

    @ParameterizedTest
    @MethodSource("changesOfRealValues")
    void anyRealChangeChangesTheHash(String edit) {
        assertThat(hash(minimalWith(edit))).isNotEqualTo(MINIMAL_HASH);
    }

    @Test
    void differentWorkHashesDifferently() {
        Set<String> hashes = new HashSet<>();
        changesOfRealValues().forEach(edit -> hashes.add(hash(minimalWith(edit))));
        Specs.examples().forEach(file -> hashes.add(hash(Specs.read(file))));

        assertThat(hashes).hasSize(changesOfRealValues().size() + Specs.examples().size())
                .allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void anInvalidSpecHasNoHash() {
        TrainSpec invalid = new TrainSpec(JobSpec.API_VERSION, TrainSpec.KIND, null, null, null,
                null, null, 0, null, null);

        assertThatThrownBy(() -> SpecCodec.specHash(invalid))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("dataset is required; model is required; epochs must be > 0");
    }

    @Test
    void aSpecReadsBackEqualFromItsJson() {
        for (Path file : Specs.examples()) {
            JobSpec spec = SpecCodec.parse(Specs.read(file));
            String json = SpecCodec.toJson(spec);

            assertThat(SpecCodec.parse(json)).as(file.toString()).isEqualTo(spec);
            assertThat(json).as("toJson is for people: indented, with metadata").contains("\n  \"metadata\"");
        }
    }

    @Test
    void toJsonWritesTheSpecAsGivenInRecordOrder() {
        TrainSpec spec = new TrainSpec(JobSpec.API_VERSION, TrainSpec.KIND, null,
                new DatasetSpec("mnist", null, null, null, null, null, null, null, null),
                new ModelSpec("mlp", List.of(10), null, null, null, null), null, null, null, null, null);

        assertThat(SpecCodec.toJson(spec)).isEqualTo("""
                {
                  "apiVersion" : "robustlab/v1",
                  "kind" : "Train",
                  "dataset" : {
                    "name" : "mnist"
                  },
                  "model" : {
                    "architecture" : "mlp",
                    "hidden" : [ 10 ]
                  }
                }""");
    }
}
