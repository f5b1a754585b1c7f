package io.robustlab.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.client.RobustLabApi;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SpecFileTest {

    private static final String TRAIN_JSON = """
            {"apiVersion": "robustlab/v1", "kind": "Train",
             "metadata": {"name": "mlp", "labels": {"study": "baseline"}},
             "dataset": {"name": "gaussian", "trainSize": 100, "testSize": 50, "dimension": 4},
             "model": {"architecture": "mlp", "hidden": [8], "activation": "tanh"},
             "optimizer": {"name": "adam", "learningRate": 1e-3, "epsilon": 1e-8},
             "epochs": 2, "batchSize": 10, "seed": 1}
            """;
    private static final String TRAIN_YAML = """
            apiVersion: robustlab/v1
            kind: Train
            metadata:
              name: mlp
              labels: {study: baseline}
            dataset: {name: gaussian, trainSize: 100, testSize: 50, dimension: 4}
            model:
              architecture: mlp
              hidden: [8]
              activation: tanh
            optimizer: {name: adam, learningRate: 1.0e-3, epsilon: 1.0e-8}
            epochs: 2
            batchSize: 10
            seed: 1
            """;

    @TempDir
    Path folder;

    @Test
    void aJsonSpecIsSentAsWritten() throws Exception {
        SpecFile spec = SpecFile.read(write("train.json", TRAIN_JSON), Map.of());
        assertThat(spec.json()).isEqualTo(TRAIN_JSON);
        assertThat(spec.spec()).isInstanceOf(TrainSpec.class);
    }

    @Test
    void aYamlSpecIsTheSameSpecAsItsJson() throws Exception {
        SpecFile json = SpecFile.read(write("train.json", TRAIN_JSON), Map.of());
        SpecFile yaml = SpecFile.read(write("train.yaml", TRAIN_YAML), Map.of());
        assertThat(SpecCodec.specHash(yaml.spec())).isEqualTo(SpecCodec.specHash(json.spec()));
        assertThat(yaml.spec()).isEqualTo(json.spec());
        assertThat(RobustLabApi.JSON.readTree(yaml.json()).path("metadata").path("labels").path("study").asString())
                .isEqualTo("baseline");
        assertThat(SpecFile.read(write("train.yml", TRAIN_YAML), Map.of()).spec()).isEqualTo(json.spec());
    }

    @Test
    void labelsAreAddedToTheMetadata() throws Exception {
        SpecFile spec = SpecFile.read(write("train.json", TRAIN_JSON), SpecFile.labels(List.of("ci=github",
                "study=robust", "commit=a=b")));
        JsonNode labels = RobustLabApi.JSON.readTree(spec.json()).path("metadata").path("labels");
        assertThat(labels.path("ci").asString()).isEqualTo("github");
        assertThat(labels.path("study").asString()).as("the option wins over the file").isEqualTo("robust");
        assertThat(labels.path("commit").asString()).isEqualTo("a=b");
        assertThat(spec.spec().metadata().labels()).containsEntry("ci", "github");

        String bare = TRAIN_JSON.replace("\"metadata\": {\"name\": \"mlp\", \"labels\": {\"study\": \"baseline\"}},",
                "");
        SpecFile noMetadata = SpecFile.read(write("bare.json", bare), Map.of("ci", "yes"));
        assertThat(noMetadata.spec().metadata().labels()).isEqualTo(Map.of("ci", "yes"));
    }

    @Test
    void aLabelWithoutKeyIsRefused() {
        assertThatThrownBy(() -> SpecFile.labels(List.of("=x"))).hasMessageContaining("--label must be KEY=VALUE");
        assertThatThrownBy(() -> SpecFile.labels(List.of("novalue"))).hasMessageContaining("(got 'novalue')");
    }

    @Test
    void anInvalidSpecIsRefusedNamingEveryField() throws Exception {
        Path bad = write("bad.json", TRAIN_JSON.replace("\"hidden\": [8]", "\"hiden\": [8]")
                .replace("\"epochs\": 2", "\"epochs\": 0"));
        assertThatThrownBy(() -> SpecFile.read(bad, Map.of()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exit()).isEqualTo(Exit.USAGE))
                .hasMessageContaining("is not a valid spec (3 problems)")
                .hasMessageContaining("\n  model.hiden: is not a known field (did you mean hidden?)")
                .hasMessageContaining("\n  model.hidden: is required for architecture mlp")
                .hasMessageContaining("\n  epochs: must be > 0");
    }

    @Test
    void anInvalidYamlSpecNamesTheFieldToo() throws Exception {
        Path bad = write("bad.yaml", TRAIN_YAML.replace("batchSize: 10", "batchSize: ten"));
        assertThatThrownBy(() -> SpecFile.read(bad, Map.of())).hasMessageContaining("batchSize: must be an integer");
    }

    @Test
    void malformedFilesSayWhere() throws Exception {
        assertThatThrownBy(() -> SpecFile.read(write("broken.json", "{\"kind\": \"Train\",\n \"epochs\": }"),
                Map.of())).hasMessageContaining("malformed JSON at line 2");
        assertThatThrownBy(() -> SpecFile.read(write("broken.yaml", "kind: Train\nepochs: [1\nseed: 2\n"),
                Map.of())).hasMessageContaining("is not valid YAML at line");
        assertThatThrownBy(() -> SpecFile.read(write("twice.yaml", "kind: Train\nkind: Evaluate\n"), Map.of()))
                .hasMessageContaining("is not valid YAML").hasMessageContaining("kind");
        assertThatThrownBy(() -> SpecFile.read(write("empty.yaml", ""), Map.of())).hasMessageContaining("is empty");
        assertThatThrownBy(() -> SpecFile.read(folder.resolve("missing.json"), Map.of()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exit()).isEqualTo(Exit.USAGE))
                .hasMessageContaining("missing.json does not exist");
    }

    @Test
    void withoutValidationTheSpecIsSentAsItIsWithItsLabels() throws Exception {
        String newer = TRAIN_JSON.replace("\"epochs\": 2", "\"epochs\": 2, \"precision\": \"bf16\"");
        assertThatThrownBy(() -> SpecFile.read(write("newer.json", newer), Map.of()))
                .hasMessageContaining("precision: is not a known field");

        SpecFile unchecked = SpecFile.readUnchecked(write("newer.json", newer), Map.of());
        assertThat(unchecked.json()).isEqualTo(newer);
        assertThat(unchecked.spec()).isNull();
        SpecFile labelled = SpecFile.readUnchecked(write("newer.yaml", TRAIN_YAML + "precision: bf16\n"),
                Map.of("ci", "yes"));
        JsonNode sent = RobustLabApi.JSON.readTree(labelled.json());
        assertThat(sent.path("precision").asString()).isEqualTo("bf16");
        assertThat(sent.path("metadata").path("labels").path("ci").asString()).isEqualTo("yes");
        assertThat(sent.path("metadata").path("labels").path("study").asString()).isEqualTo("baseline");

        assertThatThrownBy(() -> SpecFile.readUnchecked(write("list.json", "[1, 2]"), Map.of("ci", "yes")))
                .hasMessageContaining("is not a JSON object");
        assertThatThrownBy(() -> SpecFile.readUnchecked(write("meta.json", "{\"metadata\": 3}"), Map.of("ci", "y")))
                .hasMessageContaining("metadata must be an object to add --label to it");
    }

    @Test
    void theProjectsExampleSpecsAreValid() {
        Path examples = Path.of("..", "examples");
        for (String name : List.of("train-mlp-fashion-mnist.json", "evaluate-quick.json",
                "evaluate-foolbox-sweep.json")) {
            assertThat(SpecFile.read(examples.resolve(name), Map.of()).spec()).as(name).isNotNull();
        }
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(folder.resolve(name), text);
    }
}
