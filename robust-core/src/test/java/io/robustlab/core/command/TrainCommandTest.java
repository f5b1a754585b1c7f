package io.robustlab.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.core.data.DataLocations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TrainCommandTest {

    private static final String GAUSSIAN_SPEC = """
            {"apiVersion": "robustlab/v1", "kind": "Train",
             "dataset": {"name": "gaussian", "trainSize": 400, "testSize": 200, "dimension": 8, "mu": 0.8},
             "model": {"architecture": "mlp", "hidden": [16]},
             "optimizer": {"name": "sgd", "learningRate": 0.1},
             "epochs": 3, "batchSize": 40, "seed": 5}
            """;

    @TempDir
    Path folder;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int train(String specJson, Path output) throws Exception {
        Path spec = folder.resolve("spec-" + System.nanoTime() + ".json");
        Files.writeString(spec, specJson);
        return new TrainCommand(DataLocations.only(folder.resolve("data")),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run(spec, output);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesSpecMetricsModelAndCheckpoints() throws Exception {
        Path output = folder.resolve("run");

        assertThat(train(GAUSSIAN_SPEC, output)).as(printed()).isEqualTo(TrainCommand.OK);

        JsonNode metrics = JsonMapper.builder().build().readTree(output.resolve(TrainCommand.METRICS_FILE).toFile());
        assertThat(metrics.get("epochs")).hasSize(3);
        assertThat(metrics.get("parameterCount").asLong()).isEqualTo(8 * 16 + 16 + 16 * 2 + 2);
        assertThat(metrics.get("specHash").asString()).hasSize(64);
        assertThat(metrics.get("epochs").get(2).get("testAccuracy").asDouble()).isGreaterThan(0.75);
        assertThat(Files.readString(output.resolve(TrainCommand.SPEC_FILE))).contains("\"momentum\"");
        assertThat(output.resolve("model/weights.npz")).isRegularFile();
        assertThat(output.resolve("model/model.json")).isRegularFile();
        assertThat(output.resolve("checkpoints")).isDirectory();
        assertThat(printed()).contains("epoch   3").contains("done: test accuracy");
    }

    @Test
    void runningAgainOnAFinishedFolderDoesNotTrainAgain() throws Exception {
        Path output = folder.resolve("run");
        train(GAUSSIAN_SPEC, output);
        String firstMetrics = Files.readString(output.resolve(TrainCommand.METRICS_FILE));
        printed.reset();

        assertThat(train(GAUSSIAN_SPEC, output)).isEqualTo(TrainCommand.OK);

        assertThat(printed()).doesNotContain("epoch   1");
        assertThat(Files.readString(output.resolve(TrainCommand.METRICS_FILE))).isEqualTo(firstMetrics);
    }

    @Test
    void anInvalidSpecIsReportedFieldByFieldAndNothingIsWritten() throws Exception {
        Path output = folder.resolve("run");

        int exit = train(GAUSSIAN_SPEC.replace("\"hidden\": [16]", "\"hidden\": [16, 0]"), output);

        assertThat(exit).isEqualTo(TrainCommand.INVALID_SPEC);
        assertThat(printed()).contains("model.hidden[1]");
        assertThat(output).doesNotExist();
    }

    @Test
    void aMissingDatasetSaysWhichFilesAreNeeded() throws Exception {
        int exit = train(GAUSSIAN_SPEC.replace("\"name\": \"gaussian\", \"trainSize\": 400, \"testSize\": 200, "
                + "\"dimension\": 8, \"mu\": 0.8", "\"name\": \"mnist\""), folder.resolve("run"));

        assertThat(exit).isEqualTo(TrainCommand.DATA_MISSING);
        assertThat(printed()).contains("train-images-idx3-ubyte");
    }
}
