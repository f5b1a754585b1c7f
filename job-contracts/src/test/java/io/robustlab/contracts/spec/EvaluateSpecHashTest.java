package io.robustlab.contracts.spec;

import static io.robustlab.contracts.spec.Specs.minimalEvaluateWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The canonical form of an Evaluate spec: defaults filled and the preset written out, then hashed. */
class EvaluateSpecHashTest {

    /** Pinned: if this changes, every stored specHash of an Evaluate spec stops matching its spec. */
    private static final String MINIMAL_CANONICAL = "{\"apiVersion\":\"robustlab/v1\","
            + "\"attacks\":[{\"label\":\"linf-pgd\",\"name\":\"linf-pgd\",\"randomStart\":true,"
            + "\"relativeStepSize\":0.03333333333333333,\"restarts\":1,\"steps\":40,\"targeted\":false}],"
            + "\"batchSize\":500,\"dataset\":{\"name\":\"fashion-mnist\"},"
            + "\"epsilons\":[{\"scale\":1,\"values\":[0,0.1]}],\"kind\":\"Evaluate\","
            + "\"model\":{\"path\":\"runs/mlp/model\"},\"samples\":10000,\"seed\":0,\"split\":\"test\"}";
    private static final String MINIMAL_HASH =
            "9b5656fca48e979cb7bfb84337e29a1f97347ee18d7300630b83c95e1c2fcb39";

    private static final String PRESET = minimalEvaluateWith("attacks=null", "epsilons=null",
            "preset=\"foolbox-sweep\"");

    /** The foolbox-sweep preset written out by hand, with no default filled in. */
    private static final String PRESET_WRITTEN_OUT = minimalEvaluateWith(
            """
            attacks=[{"name": "fgsm"}, {"name": "linf-bim"}, {"name": "linf-uniform-noise"},
                     {"name": "linf-deepfool", "steps": 40}, {"name": "l2-ddn", "steps": 20},
                     {"name": "linf-pgd", "steps": 20}]""",
            """
            epsilons=[{"values": [0]}, {"values": [1, 2, 4, 8], "scale": 1e-4},
                      {"values": [1, 2, 4, 8], "scale": 0.001},
                      {"logspace": {"start": 0, "stop": 3.5, "num": 15, "base": 2}, "scale": 0.01, "decimals": 3},
                      {"values": [0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]}]""");

    private static String hash(String json) {
        return SpecCodec.specHash(SpecCodec.parse(json));
    }

    @Test
    void theCanonicalFormOfAFixedSpecIsPinned() {
        assertThat(SpecCodec.canonicalJson(SpecCodec.parse(Specs.MINIMAL_EVALUATE))).isEqualTo(MINIMAL_CANONICAL);
        assertThat(hash(Specs.MINIMAL_EVALUATE)).isEqualTo(MINIMAL_HASH);
    }

    @Test
    void thePresetAndTheSameSpecWrittenOutAreOneSpec() {
        assertThat(SpecCodec.parse(PRESET)).isEqualTo(SpecCodec.parse(PRESET_WRITTEN_OUT));
        assertThat(hash(PRESET)).isEqualTo(hash(PRESET_WRITTEN_OUT));
        assertThat(SpecCodec.canonicalJson(SpecCodec.parse(PRESET))).doesNotContain("preset")
                .contains("\"logspace\":{\"base\":2,\"num\":15,\"start\":0,\"stop\":3.5}");
    }

    @Test
    void thePresetWrittenOutWithItsDefaultsIsStillTheSameSpec() {
        String everyDefault = SpecCodec.toJson(SpecCodec.parse(PRESET));

        assertThat(everyDefault).contains("\"overshoot\" : 0.02", "\"initialEpsilon\" : 1");
        assertThat(hash(everyDefault)).isEqualTo(hash(PRESET));
    }

    @Test
    void writingTheDefaultsOutDoesNotChangeTheHash() {
        assertThat(hash(minimalEvaluateWith("split=\"test\"", "samples=10000", "batchSize=500", "seed=0",
                "attacks=[{\"name\": \"linf-pgd\", \"label\": \"linf-pgd\", \"steps\": 40, \"randomStart\": true,"
                        + " \"restarts\": 1, \"targeted\": false, \"relativeStepSize\": 0.03333333333333333}]",
                "epsilons=[{\"values\": [0.0, 0.1], \"scale\": 1}]"))).isEqualTo(hash(Specs.MINIMAL_EVALUATE));
        assertThat(hash(minimalEvaluateWith("corruptions={}")))
                .isEqualTo(hash(minimalEvaluateWith("corruptions={\"names\": " + json(CorruptionSpec.NAMES)
                        + ", \"severities\": [1, 2, 3, 4, 5]}")));
        assertThat(hash(minimalEvaluateWith("weightNoise={\"sigmas\": [0.1]}")))
                .isEqualTo(hash(minimalEvaluateWith("weightNoise={\"sigmas\": [0.1], \"draws\": 10}")));
        assertThat(hash(minimalEvaluateWith("epsilons=[{\"logspace\": {\"start\": -3, \"stop\": -1, \"num\": 3}}]")))
                .isEqualTo(hash(minimalEvaluateWith(
                        "epsilons=[{\"logspace\": {\"start\": -3, \"stop\": -1, \"num\": 3, \"base\": 10}}]")));
    }

    @Test
    void metadataDoesNotChangeTheHash() {
        assertThat(hash(minimalEvaluateWith("metadata={\"name\": \"sweep\", \"labels\": {\"team\": \"a\"}}")))
                .isEqualTo(hash(Specs.MINIMAL_EVALUATE));
    }

    static List<String> changesOfRealValues() {
        return List.of(
                "model={\"path\": \"runs/other/model\"}", "model={\"trainJob\": \"runs/mlp/model\"}",
                "model={\"artifact\": \"runs/mlp/model\"}",
                "dataset.name=\"mnist\"", "split=\"train\"", "samples=9999", "batchSize=100", "seed=1",
                "attacks=[{\"name\": \"linf-pgd\", \"steps\": 41}]",
                "attacks=[{\"name\": \"linf-pgd\", \"restarts\": 2}]",
                "attacks=[{\"name\": \"linf-pgd\", \"randomStart\": false}]",
                "attacks=[{\"name\": \"linf-pgd\", \"stepSize\": 0.01}]",
                "attacks=[{\"name\": \"linf-pgd\", \"targeted\": true}]",
                "attacks=[{\"name\": \"linf-pgd\", \"targeted\": true, \"targetClass\": 0}]",
                "attacks=[{\"name\": \"linf-pgd\", \"label\": \"pgd\"}]",
                "attacks=[{\"name\": \"l2-pgd\"}]",
                "attacks=[{\"name\": \"linf-pgd\"}, {\"name\": \"fgsm\"}]",
                "attacks=[{\"name\": \"fgsm\"}, {\"name\": \"linf-pgd\"}]",
                "epsilons=[{\"values\": [0, 0.2]}]",
                "epsilons=[{\"values\": [0, 0.1], \"scale\": 0.5}]",
                "epsilons=[{\"values\": [0, 0.1], \"decimals\": 3}]",
                "corruptions={}", "corruptions={\"severities\": [1, 3, 5]}",
                "weightNoise={\"sigmas\": [0.1]}", "weightNoise={\"sigmas\": [0.1], \"draws\": 5}");
    }

    @ParameterizedTest
    @MethodSource("changesOfRealValues")
    void anyRealChangeChangesTheHash(String edit) {
        assertThat(hash(minimalEvaluateWith(edit))).isNotEqualTo(hash(Specs.MINIMAL_EVALUATE));
    }

    @Test
    void differentWorkHashesDifferently() {
        Set<String> hashes = new HashSet<>();
        changesOfRealValues().forEach(edit -> hashes.add(hash(minimalEvaluateWith(edit))));
        hashes.add(hash(PRESET));

        assertThat(hashes).hasSize(changesOfRealValues().size() + 1);
    }

    @Test
    void aSpecReadsBackEqualFromItsJson() {
        EvaluateSpec spec = Specs.parseEvaluate(PRESET);

        assertThat(SpecCodec.parse(SpecCodec.toJson(spec))).isEqualTo(spec);
    }

    private static String json(List<String> names) {
        return names.stream().map(name -> "\"" + name + "\"").toList().toString();
    }
}
