package io.robustlab.contracts.spec;

import static io.robustlab.contracts.spec.Specs.minimalWith;
import static io.robustlab.contracts.spec.Specs.parseTrain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading JSON: unknown fields, wrong types, malformed text, and the shapes a field may take. */
class SpecParsingTest {

    private static List<SpecViolation> violationsOf(String json) {
        InvalidSpecException invalid = catchThrowableOfType(InvalidSpecException.class, () -> SpecCodec.parse(json));
        assertThat(invalid).as("expected %s to be rejected", json).isNotNull();
        return invalid.violations();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            model.hiden=[64]             | model.hiden              | is not a known field (did you mean hidden?)
            epoch=3                      | epoch                    | is not a known field (did you mean epochs?)
            BatchSize=3                  | BatchSize                | is not a known field (did you mean batchSize?)
            optimizer.learningrate=0.1   | optimizer.learningrate   | is not a known field (did you mean learningRate?)
            model.activation={"name": "maxout", "piece": 3} | model.activation.piece | is not a known field (did you mean pieces?)
            optimizer.schedule.steps=3   | optimizer.schedule.steps | is not a known field (known: name, stepEpochs, gamma, minLearningRate)
            dataset.colour="red"         | dataset.colour           | is not a known field (known: name, trainSize, testSize, seed, task, dimension, mu, sigma, tau)
            """)
    void rejectsAnUnknownFieldWithItsPathAndTheClosestKnownName(String edit, String field, String message) {
        assertThat(violationsOf(minimalWith(edit))).containsExactly(new SpecViolation(field, message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            epochs="10"                     | epochs                 | must be an integer
            epochs=1.5                      | epochs                 | must be an integer
            epochs=true                     | epochs                 | must be an integer
            epochs=3000000000               | epochs                 | must be <= 2147483647
            dataset.seed=1e19               | dataset.seed           | must be <= 9223372036854775807
            seed=0.5                        | seed                   | must be an integer
            model.hidden=[1024, 1.5]        | model.hidden[1]        | must be an integer
            model.hidden=[1024, null]       | model.hidden[1]        | must be an integer
            model.hidden=1024               | model.hidden           | must be an array
            model.hidden="1024"             | model.hidden           | must be an array
            dataset="mnist"                 | dataset                | must be an object
            optimizer.learningRate="0.1"    | optimizer.learningRate | must be a number
            method.randomStart="yes"        | method.randomStart     | must be true or false
            model.activation=5              | model.activation       | must be a string or an object
            model.architecture=["mlp"]      | model.architecture     | must be a string
            metadata={"labels": {"team": 5}} | metadata.labels.team  | must be a string
            metadata={"labels": ["a"]}      | metadata.labels        | must be an object
            metadata.name=7                 | metadata.name          | must be a string
            kind=5                          | kind                   | must be a string
            """)
    void rejectsAWrongTypeNamingTheField(String edit, String field, String message) {
        assertThat(violationsOf(minimalWith(edit))).containsExactly(new SpecViolation(field, message));
    }

    @Test
    void rejectsANumberTooLargeForADouble() {
        String json = Specs.MINIMAL.replace("{\"name\": \"fashion-mnist\"}", "{\"name\": \"gaussian\", \"mu\": 1e400}");

        assertThat(violationsOf(json)).containsExactly(new SpecViolation("dataset.mu", "must be a finite number"));
    }

    @Test
    void reportsReadingErrorsTogetherWithRuleViolations() {
        List<SpecViolation> violations = violationsOf(minimalWith(
                "epochs=\"ten\"", "batchSize=0", "model.hiden=[1]", "model.hidden=null"));

        assertThat(violations).containsExactlyInAnyOrder(
                new SpecViolation("epochs", "must be an integer"),
                new SpecViolation("model.hiden", "is not a known field (did you mean hidden?)"),
                new SpecViolation("batchSize", "must be > 0"),
                new SpecViolation("model.hidden", "is required for architecture mlp"));
    }

    @Test
    void anIntegerWrittenWithAZeroFractionIsAnInteger() {
        assertThat(parseTrain(minimalWith("epochs=3.0", "batchSize=1e2")))
                .extracting(TrainSpec::epochs, TrainSpec::batchSize)
                .containsExactly(3, 100);
    }

    @Test
    void aNullFieldIsTheSameAsALeftOutOne() {
        assertThat(parseTrain(minimalWith("epochs=null", "optimizer=null")))
                .isEqualTo(parseTrain(Specs.MINIMAL));
    }

    @Test
    void anActivationMayBeABareNameOrAnObject() {
        TrainSpec bare = parseTrain(minimalWith("model.activation=\"tanh\""));
        TrainSpec object = parseTrain(minimalWith("model.activation={\"name\": \"tanh\"}"));

        assertThat(bare).isEqualTo(object);
        assertThat(bare.model().activation()).isEqualTo(ActivationSpec.named("tanh"));
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        String json = """
                {
                  "apiVersion": "robustlab/v1",
                  "kind": "Train",,
                  "epochs": 3
                }
                """;

        List<SpecViolation> violations = violationsOf(json);

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEmpty();
            assertThat(violation.message()).startsWith("malformed JSON at line 3, column 19: ");
        });
    }

    @Test
    void unterminatedJsonIsMalformed() {
        assertThat(violationsOf("{\"kind\": \"Train\"")).singleElement()
                .extracting(SpecViolation::message).asString().startsWith("malformed JSON at line 1, column ");
    }

    @Test
    void aDuplicatedKeyIsMalformedRatherThanSilentlyOverwritten() {
        assertThat(violationsOf("{\"kind\": \"Train\",\n \"epochs\": 1,\n \"epochs\": 2}")).singleElement()
                .extracting(SpecViolation::message).asString()
                .startsWith("malformed JSON at line 3, column ")
                .contains("\"epochs\"");
    }

    @Test
    void nonStandardJsonIsMalformedWithoutJacksonsConfigurationHints() {
        assertThat(violationsOf("{\"kind\": \"Train\", \"epochs\": NaN}")).singleElement()
                .extracting(SpecViolation::message).asString()
                .isEqualTo("malformed JSON at line 1, column 32: Non-standard token 'NaN'");
    }

    @Test
    void textAfterTheSpecIsMalformed() {
        assertThat(violationsOf(Specs.MINIMAL + " {}")).singleElement()
                .extracting(SpecViolation::message).asString().startsWith("malformed JSON at line ");
    }

    @Test
    void anEmptyDocumentOrANonObjectIsRejected() {
        assertThat(violationsOf("")).containsExactly(new SpecViolation("", "the spec is empty"));
        assertThat(violationsOf("  \n")).containsExactly(new SpecViolation("", "the spec is empty"));
        assertThat(violationsOf("[1, 2]")).containsExactly(new SpecViolation("", "a spec must be a JSON object"));
    }

    @Test
    void theKindChoosesTheSpecAndMustBeKnown() {
        assertThat(SpecCodec.parse(Specs.MINIMAL)).isInstanceOf(TrainSpec.class);
        assertThat(SpecCodec.parse(Specs.MINIMAL_EVALUATE)).isInstanceOf(EvaluateSpec.class);
        assertThat(violationsOf(minimalWith("kind=null")))
                .containsExactly(new SpecViolation("kind", "is required: one of Evaluate, Train"));
        assertThat(violationsOf(minimalWith("kind=\"Attack\"")))
                .containsExactly(new SpecViolation("kind", "must be one of Evaluate, Train (got \"Attack\")"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            attacks=[{"name": "linf-pgd", "step": 5}]     | attacks[0].step          | is not a known field (did you mean steps?)
            attacks=[{"name": "linf-pgd", "steps": "5"}]  | attacks[0].steps         | must be an integer
            attacks=[{"name": "linf-pgd", "randomStart": 1}] | attacks[0].randomStart | must be true or false
            epsilons=[{"values": [0, "0.1"]}]             | epsilons[0].values[1]    | must be a number
            epsilons={"values": [0, 0.1]}                 | epsilons                 | must be an array
            model="runs/mlp/model"                        | model                    | must be an object
            dataset.trainsize=5                           | dataset.trainsize        | is not a known field (did you mean trainSize?)
            corruptions={"names": "jpeg"}                 | corruptions.names        | must be an array
            weightNoise={"sigmas": [0.1], "draw": 5}      | weightNoise.draw         | is not a known field (did you mean draws?)
            """)
    void readsAnEvaluateSpecWithTheSameMachinery(String edit, String field, String message) {
        assertThat(violationsOf(Specs.minimalEvaluateWith(edit))).containsExactly(new SpecViolation(field, message));
    }

    @Test
    void aMisspelledFieldLeavesTheRightOneMissing() {
        assertThat(violationsOf(Specs.minimalEvaluateWith("model={\"trainjob\": \"j-1\"}"))).containsExactly(
                new SpecViolation("model.trainjob", "is not a known field (did you mean trainJob?)"),
                new SpecViolation("model", "must have exactly one of trainJob, path, artifact"));
        assertThat(violationsOf(Specs.minimalEvaluateWith(
                "epsilons=[{\"linspace\": {\"start\": 0, \"stop\": 1, \"count\": 5}}]"))).containsExactly(
                new SpecViolation("epsilons[0].linspace.count", "is not a known field (known: start, stop, num)"),
                new SpecViolation("epsilons[0].linspace.num", "is required"));
    }

    @Test
    void anUnreadableFieldIsReportedOnce() {
        assertThat(violationsOf(Specs.minimalEvaluateWith("attacks={\"name\": \"linf-pgd\"}")))
                .containsExactly(new SpecViolation("attacks", "must be an array"));
    }

    @Test
    void bytesAndStreamsReadAsText() {
        byte[] bytes = Specs.MINIMAL.getBytes(StandardCharsets.UTF_8);
        JobSpec fromText = SpecCodec.parse(Specs.MINIMAL);

        assertThat(SpecCodec.parse(bytes)).isEqualTo(fromText);
        assertThat(SpecCodec.parse(new ByteArrayInputStream(bytes))).isEqualTo(fromText);
    }

    @Test
    void readsMetadata() {
        TrainSpec spec = parseTrain(minimalWith(
                "metadata={\"name\": \"baseline\", \"labels\": {\"team\": \"robustness\", \"week\": \"12\"}}"));

        assertThat(spec.metadata().name()).isEqualTo("baseline");
        assertThat(spec.metadata().labels()).containsExactly(
                java.util.Map.entry("team", "robustness"), java.util.Map.entry("week", "12"));
    }

    @Test
    void suggestsOnlyWithinTwoEdits() {
        assertThat(SpecReader.editDistance("hiden", "hidden")).isEqualTo(1);
        assertThat(SpecReader.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(SpecReader.editDistance("", "abc")).isEqualTo(3);
        assertThat(SpecReader.editDistance("same", "same")).isZero();
    }
}
