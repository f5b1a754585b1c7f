package io.robustlab.contracts.spec;

import static io.robustlab.contracts.spec.Specs.minimalEvaluateWith;
import static io.robustlab.contracts.spec.Specs.parseEvaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An Evaluate spec's defaults: foolbox 3's for every attack, the whole split, and the preset written out. */
class EvaluateSpecDefaultsTest {

    @Test
    void fillsEveryDefaultOfAMinimalSpec() {
        EvaluateSpec expected = new EvaluateSpec("robustlab/v1", "Evaluate",
                new SpecMetadata(null, Map.of()),
                new ModelReference(null, "runs/mlp/model", null),
                new DatasetSpec("fashion-mnist", null, null, null, null, null, null, null, null),
                "test", 10_000, null,
                List.of(new AttackSpec("linf-pgd", "linf-pgd", 40, 0.01 / 0.3, null, true, 1, null, null, null,
                        null, null, null, null, null, null, null, null, false, null)),
                List.of(new EpsilonGridPart(List.of(0.0, 0.1), null, null, 1.0, null)),
                null, null, 500, 0L);

        assertThat(parseEvaluate(Specs.MINIMAL_EVALUATE)).isEqualTo(expected);
    }

    @Test
    void samplesDefaultToTheWholeSplit() {
        assertThat(parseEvaluate(minimalEvaluateWith("split=\"train\"")).samples()).isEqualTo(60_000);
        assertThat(parseEvaluate(minimalEvaluateWith("dataset.name=\"cifar10\"", "split=\"train\"")).samples())
                .isEqualTo(50_000);
        assertThat(parseEvaluate(minimalEvaluateWith("dataset.name=\"cifar10\"")).samples()).isEqualTo(10_000);
        assertThat(parseEvaluate(minimalEvaluateWith("dataset.name=\"gaussian\"")).samples()).isEqualTo(1_000);
        assertThat(parseEvaluate(minimalEvaluateWith("samples=250")).samples()).isEqualTo(250);
    }

    @Test
    void theDatasetGetsNoSizesAndASeedOnlyWhenItIsDrawn() {
        assertThat(parseEvaluate(minimalEvaluateWith("dataset={\"name\": \"permuted-mnist\"}")).dataset())
                .isEqualTo(new DatasetSpec("permuted-mnist", null, null, null, 0, null, null, null, null));
        assertThat(parseEvaluate(minimalEvaluateWith("dataset={\"name\": \"gaussian\"}")).dataset())
                .isEqualTo(new DatasetSpec("gaussian", null, null, 0L, null, 10, 1.0, 1.0, null));
        assertThat(parseEvaluate(minimalEvaluateWith("dataset={\"name\": \"bernoulli\", \"seed\": 4}")).dataset())
                .isEqualTo(new DatasetSpec("bernoulli", null, null, 4L, null, 10, null, null, 0.5));
    }

    @Test
    void everyAttackTakesFoolboxsDefaults() {
        assertThat(attack("fgsm")).isEqualTo(new AttackSpec("fgsm", "fgsm", null, null, null, false, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(attack("linf-bim")).isEqualTo(new AttackSpec("linf-bim", "linf-bim", 10, 0.2, null, false,
                null, null, null, null, null, null, null, null, null, null, null, null, false, null));
        assertThat(attack("linf-pgd")).isEqualTo(new AttackSpec("linf-pgd", "linf-pgd", 40, 0.03333333333333333,
                null, true, 1, null, null, null, null, null, null, null, null, null, null, null, false, null));
        assertThat(attack("l2-pgd")).isEqualTo(new AttackSpec("l2-pgd", "l2-pgd", 50, 0.025, null, true, 1,
                null, null, null, null, null, null, null, null, null, null, null, false, null));
        assertThat(attack("linf-uniform-noise")).isEqualTo(new AttackSpec("linf-uniform-noise",
                "linf-uniform-noise", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, 1, null, null));
        assertThat(attack("l2-gaussian-noise").repeats()).isEqualTo(1);
        assertThat(attack("linf-deepfool")).isEqualTo(new AttackSpec("linf-deepfool", "linf-deepfool", 50, null,
                null, null, null, 0.02, 10, "logits", null, null, null, null, null, null, null, null, null, null));
        assertThat(attack("l2-deepfool")).isEqualTo(new AttackSpec("l2-deepfool", "l2-deepfool", 50, null,
                null, null, null, 0.02, 10, "logits", null, null, null, null, null, null, null, null, null, null));
        assertThat(attack("l2-ddn")).isEqualTo(new AttackSpec("l2-ddn", "l2-ddn", 100, null, null, null, null,
                null, null, null, 1.0, 0.05, null, null, null, null, null, null, false, null));
        assertThat(attack("l2-carlini-wagner")).isEqualTo(new AttackSpec("l2-carlini-wagner",
                "l2-carlini-wagner", 10_000, null, null, null, null, null, null, null, null, null, 9, 1e-3, 0.0,
                0.01, true, null, false, null));
    }

    @Test
    void anAbsoluteStepSizeReplacesTheRelativeOne() {
        AttackSpec pgd = new AttackSpec("linf-pgd", null, null, null, 0.01, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null).withDefaults();

        assertThat(pgd.relativeStepSize()).isNull();
        assertThat(pgd.stepSize()).isEqualTo(0.01);
    }

    @Test
    void givenParametersAndLabelsAreKept() {
        AttackSpec given = new AttackSpec("l2-pgd", "l2-pgd-strong", 200, 0.01, null, false, 1, null, null,
                null, null, null, null, null, null, null, null, null, true, 3);

        assertThat(given.withDefaults()).isEqualTo(given);
    }

    @Test
    void theNormIsPartOfTheName() {
        assertThat(AttackSpec.NAMES).allSatisfy(name -> assertThat(AttackSpec.named(name).norm())
                .isEqualTo(name.startsWith("l2-") ? Norm.L2 : Norm.LINF));
        assertThat(AttackSpec.named("fgsm").norm()).isEqualTo(Norm.LINF);
        assertThat(attack("linf-pgd").curveLabel()).isEqualTo("linf-pgd (L∞)");
        assertThat(AttackSpec.named("l2-ddn").curveLabel()).isEqualTo("l2-ddn (L2)");
        assertThatThrownBy(() -> AttackSpec.named("pgd").norm()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyParameterFieldBelongsToSomeAttack() {
        List<String> components = Arrays.stream(AttackSpec.class.getRecordComponents())
                .map(RecordComponent::getName).filter(name -> !name.equals("name") && !name.equals("label"))
                .toList();

        assertThat(AttackSpec.named("fgsm").parameters().keySet()).containsExactlyElementsOf(components);
        assertThat(components).allSatisfy(parameter -> assertThat(KnownAttack.takers(parameter)).isNotEmpty());
    }

    @Test
    void thePresetIsWrittenOutAndLeftOut() {
        EvaluateSpec spec = parseEvaluate(minimalEvaluateWith("attacks=null", "epsilons=null",
                "preset=\"foolbox-sweep\""));

        assertThat(spec.preset()).isNull();
        assertThat(spec.attacks()).extracting(AttackSpec::name).containsExactly(
                "fgsm", "linf-bim", "linf-uniform-noise", "linf-deepfool", "l2-ddn", "linf-pgd");
        assertThat(spec.attacks()).extracting(AttackSpec::norm).containsExactly(
                Norm.LINF, Norm.LINF, Norm.LINF, Norm.LINF, Norm.L2, Norm.LINF);
        assertThat(spec.attacks()).containsExactly(
                attack("fgsm"),
                attack("linf-bim"),
                attack("linf-uniform-noise"),
                new AttackSpec("linf-deepfool", "linf-deepfool", 40, null, null, null, null, 0.02, 10, "logits",
                        null, null, null, null, null, null, null, null, null, null),
                new AttackSpec("l2-ddn", "l2-ddn", 20, null, null, null, null, null, null, null, 1.0, 0.05, null,
                        null, null, null, null, null, false, null),
                new AttackSpec("linf-pgd", "linf-pgd", 20, 0.01 / 0.3, null, true, 1, null, null, null, null, null,
                        null, null, null, null, null, null, false, null));
        assertThat(spec.epsilons()).containsExactly(
                new EpsilonGridPart(List.of(0.0), null, null, 1.0, null),
                new EpsilonGridPart(List.of(1.0, 2.0, 4.0, 8.0), null, null, 1e-4, null),
                new EpsilonGridPart(List.of(1.0, 2.0, 4.0, 8.0), null, null, 1e-3, null),
                new EpsilonGridPart(null, null, new EpsilonGridPart.Logspace(0.0, 3.5, 15, 2.0), 0.01, 3),
                new EpsilonGridPart(List.of(0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0), null, null,
                        1.0, null));
        assertThat(spec.epsilonGrid()).hasSize(35);
    }

    @Test
    void corruptionsDefaultToAllThirteenAtEverySeverity() {
        CorruptionSpec all = parseEvaluate(minimalEvaluateWith("corruptions={}")).corruptions();

        assertThat(all.names()).hasSize(13).isEqualTo(CorruptionSpec.NAMES).startsWith("gaussian-noise", "shot-noise");
        assertThat(all.severities()).containsExactly(1, 2, 3, 4, 5);
        assertThat(parseEvaluate(minimalEvaluateWith("corruptions={\"names\": [\"jpeg\"]}")).corruptions())
                .isEqualTo(new CorruptionSpec(List.of("jpeg"), List.of(1, 2, 3, 4, 5)));
    }

    @Test
    void weightNoiseDrawsTenModelsPerLevel() {
        assertThat(parseEvaluate(minimalEvaluateWith("weightNoise={\"sigmas\": [0.1]}")).weightNoise())
                .isEqualTo(new WeightNoiseSpec(List.of(0.1), 10));
    }

    @Test
    void aLogspaceDefaultsToBaseTen() {
        assertThat(new EpsilonGridPart(null, null, new EpsilonGridPart.Logspace(-3.0, -1.0, 3, null), null, null)
                .withDefaults().logspace().base()).isEqualTo(10.0);
    }

    @Test
    void isIdempotent() {
        EvaluateSpec filled = parseEvaluate(minimalEvaluateWith("attacks=null", "epsilons=null",
                "preset=\"foolbox-sweep\"", "corruptions={}", "weightNoise={\"sigmas\": [0.1]}"));

        assertThat(filled.withDefaults()).isEqualTo(filled);
    }

    private static AttackSpec attack(String name) {
        return AttackSpec.named(name).withDefaults();
    }
}
