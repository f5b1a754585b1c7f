package io.robustlab.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The specs in examples/ (the README and the trainer's smoke runs use them) stay valid. */
class ExampleSpecsTest {

    static Stream<Path> examples() {
        return Specs.examples().stream();
    }

    @Test
    void everyExampleIsThere() {
        assertThat(Specs.examples()).extracting(file -> file.getFileName().toString()).contains(
                "train-mlp-fashion-mnist.json",
                "train-lenet-mnist-adversarial.json",
                "train-mlp-permuted-mnist.json",
                "train-vgg-cifar10.json",
                "train-mlp-gaussian.json",
                "train-mlp-relog-fashion-mnist.json",
                "train-mlp-maxout-mnist-fgsm.json",
                "evaluate-foolbox-sweep.json",
                "evaluate-quick.json");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void parsesAndValidates(Path file) {
        JobSpec spec = SpecCodec.parse(Specs.read(file));

        String name = file.getFileName().toString();
        assertThat(spec).isInstanceOf(name.startsWith("evaluate-") ? EvaluateSpec.class : TrainSpec.class);
        assertThat(spec.violations()).isEmpty();
        assertThat(SpecCodec.specHash(spec)).hasSize(64);
    }

    @Test
    void theFashionMnistMlpIsTheBaselineTheIssueAsksFor() {
        TrainSpec spec = Specs.parseTrain(Specs.example("train-mlp-fashion-mnist.json"));

        assertThat(spec.dataset().name()).isEqualTo("fashion-mnist");
        assertThat(spec.model().hidden()).isEqualTo(List.of(1024, 1024));
        assertThat(spec.optimizer()).extracting(OptimizerSpec::name, OptimizerSpec::learningRate, OptimizerSpec::momentum)
                .containsExactly("sgd", 0.05, 0.9);
        assertThat(spec).extracting(TrainSpec::epochs, TrainSpec::batchSize).containsExactly(1, 100);
    }

    @Test
    void theLenetExampleTrainsAdversariallyWithPgd() {
        TrainSpec spec = Specs.parseTrain(Specs.example("train-lenet-mnist-adversarial.json"));

        assertThat(spec.model().width()).isEqualTo(1);
        assertThat(spec.method()).isEqualTo(new TrainingMethodSpec("adversarial", "pgd", 0.3, 10, 0.075, true, 0.5));
    }

    @Test
    void theOtherExamplesShowWhatTheirNamesSay() {
        TrainSpec permuted = Specs.parseTrain(Specs.example("train-mlp-permuted-mnist.json"));
        assertThat(permuted.dataset().task()).isEqualTo(3);
        assertThat(permuted.optimizer().name()).isEqualTo("adam");

        TrainSpec vgg = Specs.parseTrain(Specs.example("train-vgg-cifar10.json"));
        assertThat(vgg.model().architecture()).isEqualTo("vgg");
        assertThat(vgg.optimizer().schedule().name()).isEqualTo("cosine");

        assertThat(Specs.parseTrain(Specs.example("train-mlp-gaussian.json")).dataset().name()).isEqualTo("gaussian");
        assertThat(Specs.parseTrain(Specs.example("train-mlp-relog-fashion-mnist.json")).model().activation())
                .isEqualTo(new ActivationSpec("relog", 10.0, 0.5, 1.0, null));
        assertThat(Specs.parseTrain(Specs.example("train-mlp-maxout-mnist-fgsm.json")).model().activation())
                .isEqualTo(new ActivationSpec("maxout", null, null, null, 3));
    }

    @Test
    void theFoolboxSweepEvaluatesTheQuickstartModelWithThePreset() {
        EvaluateSpec spec = Specs.parseEvaluate(Specs.example("evaluate-foolbox-sweep.json"));

        assertThat(spec.model()).isEqualTo(ModelReference.path("runs/mlp/model"));
        assertThat(spec).extracting(EvaluateSpec::split, EvaluateSpec::samples).containsExactly("test", 1000);
        assertThat(spec.dataset().name()).isEqualTo("fashion-mnist");
        assertThat(spec.attacks()).extracting(AttackSpec::label).containsExactly(
                "fgsm", "linf-bim", "linf-uniform-noise", "linf-deepfool", "l2-ddn", "linf-pgd");
        assertThat(spec.epsilonGrid()).hasSize(35);
    }

    @Test
    void theQuickEvaluationMeasuresAttacksCorruptionsAndWeightNoise() {
        EvaluateSpec spec = Specs.parseEvaluate(Specs.example("evaluate-quick.json"));

        assertThat(spec.attacks()).extracting(AttackSpec::curveLabel).containsExactly("fgsm (L∞)", "linf-pgd (L∞)");
        assertThat(spec.epsilonGrid()).containsExactly(0, 0.01, 0.03, 0.1, 0.3);
        assertThat(spec.corruptions())
                .isEqualTo(new CorruptionSpec(List.of("gaussian-noise", "contrast"), List.of(1, 3, 5)));
        assertThat(spec.weightNoise()).isEqualTo(new WeightNoiseSpec(List.of(0.05, 0.1, 0.2), 5));
    }
}
