package io.robustlab.contracts.spec;

import static io.robustlab.contracts.spec.Specs.minimalWith;
import static io.robustlab.contracts.spec.Specs.parseTrain;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** withDefaults fills every default that applies, and nothing that does not. */
class SpecDefaultsTest {

    @Test
    void fillsEveryDefaultOfAMinimalSpec() {
        TrainSpec expected = new TrainSpec("robustlab/v1", "Train",
                new SpecMetadata(null, Map.of()),
                new DatasetSpec("fashion-mnist", 60_000, 10_000, 0L, null, null, null, null, null),
                new ModelSpec("mlp", List.of(64), null, null,
                        new ActivationSpec("relu", null, null, null, null), "softmax-cross-entropy"),
                new OptimizerSpec("sgd", 0.01, 0.9, 0.0, null, null, null,
                        new LearningRateSchedule("constant", null, null, null)),
                new TrainingMethodSpec("standard", null, null, null, null, null, null),
                10, 100, 0L);

        assertThat(parseTrain(Specs.MINIMAL)).isEqualTo(expected);
    }

    @Test
    void isIdempotent() {
        for (var file : Specs.examples()) {
            JobSpec filled = SpecCodec.parse(Specs.read(file));
            assertThat(filled.withDefaults()).as(file.toString()).isEqualTo(filled);
        }
    }

    @Test
    void realDatasetsDefaultToTheirWholeSplits() {
        assertThat(dataset("{\"name\": \"mnist\"}"))
                .isEqualTo(new DatasetSpec("mnist", 60_000, 10_000, 0L, null, null, null, null, null));
        assertThat(dataset("{\"name\": \"cifar10\"}"))
                .isEqualTo(new DatasetSpec("cifar10", 50_000, 10_000, 0L, null, null, null, null, null));
        assertThat(dataset("{\"name\": \"permuted-mnist\"}"))
                .isEqualTo(new DatasetSpec("permuted-mnist", 60_000, 10_000, 0L, 0, null, null, null, null));
    }

    @Test
    void syntheticDatasetsDefaultToSmallDrawsInTenDimensions() {
        assertThat(new DatasetSpec("gaussian", null, null, null, null, null, null, null, null).withDefaults())
                .isEqualTo(new DatasetSpec("gaussian", 1000, 1000, 0L, null, 10, 1.0, 1.0, null));
        assertThat(new DatasetSpec("bernoulli", null, null, null, null, null, null, null, null).withDefaults())
                .isEqualTo(new DatasetSpec("bernoulli", 1000, 1000, 0L, null, 10, null, null, 0.5));
    }

    @Test
    void keepsWhatIsGivenAndFillsNothingForAnUnknownDataset() {
        assertThat(new DatasetSpec("mnist", 500, 100, 9L, null, null, null, null, null).withDefaults())
                .isEqualTo(new DatasetSpec("mnist", 500, 100, 9L, null, null, null, null, null));
        assertThat(new DatasetSpec("imagenet", null, null, null, null, null, null, null, null).withDefaults())
                .isEqualTo(new DatasetSpec("imagenet", null, null, 0L, null, null, null, null, null));
    }

    @Test
    void modelsDefaultPerArchitecture() {
        assertThat(new ModelSpec("lenet", null, null, null, null, null).withDefaults())
                .isEqualTo(new ModelSpec("lenet", null, 1, null, ActivationSpec.named("relu"), "softmax-cross-entropy"));
        assertThat(new ModelSpec("vgg", null, null, null, null, "sigmoid-mse").withDefaults())
                .isEqualTo(new ModelSpec("vgg", null, null, List.of(32, 64, 128), ActivationSpec.named("relu"),
                        "sigmoid-mse"));
        assertThat(new ModelSpec("mlp", null, null, null, null, null).withDefaults().hidden())
                .as("an mlp's hidden layers have no default").isNull();
    }

    @Test
    void activationsDefaultTheirParameters() {
        assertThat(ActivationSpec.named("relog").withDefaults())
                .isEqualTo(new ActivationSpec("relog", Math.E, 1.0, 0.0, null));
        assertThat(new ActivationSpec("relog", 2.0, null, -1.0, null).withDefaults())
                .isEqualTo(new ActivationSpec("relog", 2.0, 1.0, -1.0, null));
        assertThat(ActivationSpec.named("maxout").withDefaults()).isEqualTo(new ActivationSpec("maxout", null, null, null, 2));
        assertThat(ActivationSpec.named(null).withDefaults()).isEqualTo(ActivationSpec.named("relu"));
    }

    @Test
    void optimizersDefaultPerName() {
        LearningRateSchedule constant = new LearningRateSchedule("constant", null, null, null);
        assertThat(new OptimizerSpec("adam", null, null, null, null, null, null, null).withDefaults())
                .isEqualTo(new OptimizerSpec("adam", 0.001, null, 0.0, 0.9, 0.999, 1e-8, constant));
        assertThat(new OptimizerSpec(null, 0.5, null, null, null, null, null, null).withDefaults())
                .isEqualTo(new OptimizerSpec("sgd", 0.5, 0.9, 0.0, null, null, null, constant));
    }

    @Test
    void schedulesDefaultPerName() {
        assertThat(new LearningRateSchedule("step", null, null, null).withDefaults())
                .isEqualTo(new LearningRateSchedule("step", 10, 0.1, null));
        assertThat(new LearningRateSchedule("cosine", null, null, null).withDefaults())
                .isEqualTo(new LearningRateSchedule("cosine", null, null, 0.0));
    }

    @Test
    void pgdTakesMadrysStepSizeOfTwoAndAHalfEpsilonOverSteps() {
        assertThat(method("{\"name\": \"adversarial\", \"epsilon\": 0.3}"))
                .isEqualTo(new TrainingMethodSpec("adversarial", "pgd", 0.3, 10, 0.075, true, 1.0));
        assertThat(method("{\"name\": \"adversarial\", \"epsilon\": 0.1, \"steps\": 40}").stepSize())
                .isEqualTo(0.00625);
        assertThat(method("{\"name\": \"adversarial\", \"epsilon\": 0.3, \"stepSize\": 0.01}").stepSize())
                .isEqualTo(0.01);
    }

    @Test
    void fgsmTakesNoPgdDefaults() {
        assertThat(method("{\"name\": \"adversarial\", \"attack\": \"fgsm\", \"epsilon\": 0.1}"))
                .isEqualTo(new TrainingMethodSpec("adversarial", "fgsm", 0.1, null, null, null, 1.0));
    }

    @Test
    void theStandardMethodHasNothingToFill() {
        assertThat(new TrainingMethodSpec(null, null, null, null, null, null, null).withDefaults())
                .isEqualTo(new TrainingMethodSpec("standard", null, null, null, null, null, null));
    }

    @Test
    void metadataDefaultsToNoLabels() {
        assertThat(new SpecMetadata("x", null).withDefaults()).isEqualTo(new SpecMetadata("x", Map.of()));
    }

    private static DatasetSpec dataset(String json) {
        return parseTrain(minimalWith("dataset=" + json)).dataset();
    }

    private static TrainingMethodSpec method(String json) {
        return parseTrain(minimalWith("method=" + json)).method();
    }
}
