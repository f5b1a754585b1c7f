package io.robustlab.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.EvaluationJson;
import io.robustlab.core.evaluation.EvaluationResult;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingFixtures;
import io.robustlab.core.train.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir
    static Path trained;

    @TempDir
    static Path data;

    @TempDir
    Path folder;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    /** Trains an MLP on quadrant images and writes the same kind of images as MNIST files into data/mnist. */
    @BeforeAll
    static void trainATinyModelAndWriteItsData() throws Exception {
        Dataset quadrants = TrainingFixtures.quadrants(300, 150, new long[] {1, 28, 28}, 2);
        TrainSpec spec = TrainingFixtures.spec(new DatasetSpec("mnist", 300, 150, 0L, null, null, null, null, null),
                TrainingFixtures.mlp(32), TrainingFixtures.adam(0.01), TrainingFixtures.STANDARD, 2, 30, 5);
        TrainingRun.run(spec, quadrants, trained, EpochListener.NONE);
        Path mnist = Files.createDirectories(data.resolve("mnist"));
        writeIdx(mnist, "train", quadrants.train());
        writeIdx(mnist, "t10k", quadrants.test());
    }

    private static void writeIdx(Path folder, String prefix, ExampleSet examples) throws Exception {
        int n = examples.size();
        ByteBuffer images = ByteBuffer.allocate(16 + n * 784).putInt(0x803).putInt(n).putInt(28).putInt(28);
        for (float value : examples.features()) {
            images.put((byte) Math.round(value * 255));
        }
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int label : examples.labels()) {
            labels.put((byte) label);
        }
        Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }

    static String spec(String model) {
        return """
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": %s,
                 "dataset": {"name": "mnist"}, "samples": 100, "batchSize": 50,
                 "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 5}],
                 "epsilons": [{"values": [0, 0.1, 0.5]}],
                 "corruptions": {"names": ["contrast"], "severities": [1, 5]},
                 "weightNoise": {"sigmas": [0.1], "draws": 2}}
                """.formatted(model);
    }

    private int evaluate(String specJson, Path output) throws Exception {
        Path spec = folder.resolve("spec-" + System.nanoTime() + ".json");
        Files.writeString(spec, specJson);
        return new EvaluateCommand(DataLocations.only(data),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run(spec, output);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSpecAndAResultThatParsesAndPrintsTheTable() throws Exception {
        Path output = folder.resolve("eval");
        String model = "{\"path\": \"" + trained.resolve(TrainingRun.MODEL) + "\"}";

        assertThat(evaluate(spec(model), output)).as(printed()).isEqualTo(EvaluateCommand.OK);

        EvaluationResult result = EvaluationJson.read(output.resolve(EvaluateCommand.RESULT_FILE));
        assertThat(result.samples()).isEqualTo(100);
        assertThat(result.curves()).hasSize(2);
        assertThat(result.curves().getFirst().robustAccuracy()[0]).isEqualTo(result.cleanAccuracy());
        assertThat(result.weightNoise()).hasSize(1);
        assertThat(Files.readString(output.resolve(EvaluateCommand.SPEC_FILE))).contains("\"relativeStepSize\"");
        assertThat(printed()).contains("clean accuracy").contains("linf-pgd (L∞)").contains("worst-case L∞")
                .contains("weight noise σ=0.1").contains("corruptions: mean accuracy");
        assertThat(result.corruptions().rows()).hasSize(2);
    }

    @Test
    void anInvalidSpecIsReportedFieldByFieldAndNothingIsWritten() throws Exception {
        Path output = folder.resolve("eval");

        int exit = evaluate(spec("{\"path\": \"x\"}").replace("\"steps\": 5", "\"steps\": 0"), output);

        assertThat(exit).isEqualTo(EvaluateCommand.INVALID_SPEC);
        assertThat(printed()).contains("attacks[1].steps");
        assertThat(output).doesNotExist();
    }

    @Test
    void aTrainJobModelNeedsThePlatform() throws Exception {
        int exit = evaluate(spec("{\"trainJob\": \"job-1\"}"), folder.resolve("eval"));

        assertThat(exit).isEqualTo(EvaluateCommand.MODEL_UNAVAILABLE);
        assertThat(printed()).contains("needs the platform");
    }

    @Test
    void aMissingModelFolderIsAClearError() throws Exception {
        int exit = evaluate(spec("{\"path\": \"" + folder.resolve("nowhere") + "\"}"), folder.resolve("eval"));

        assertThat(exit).isEqualTo(EvaluateCommand.MODEL_UNAVAILABLE);
        assertThat(printed()).contains("cannot load the model");
    }
}
