package io.robustlab.contracts.spec;

import static io.robustlab.contracts.spec.Specs.minimalEvaluateWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of an Evaluate spec, reported under its exact field path. */
class EvaluateSpecValidationTest {

    private static List<SpecViolation> violationsOf(String json) {
        InvalidSpecException invalid = catchThrowableOfType(InvalidSpecException.class, () -> SpecCodec.parse(json));
        assertThat(invalid).as("expected %s to be rejected", json).isNotNull();
        return invalid.violations();
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            apiVersion="robustlab/v2"                       | apiVersion      | must be robustlab/v1 (got "robustlab/v2")
            batchSize=0                                     | batchSize       | must be > 0
            batchSize=65537                                 | batchSize       | must be <= 65536
            seed=-1                                         | seed            | must be >= 0
            seed=9007199254740992                           | seed            | must be <= 9007199254740991

            model=null                                      | model           | is required
            model={}                                        | model           | must have exactly one of trainJob, path, artifact
            model={"trainJob": "j-1", "path": "runs/a"}     | model           | must have exactly one of trainJob, path, artifact (got trainJob, path)
            model={"path": " "}                             | model.path      | must not be blank
            model={"trainJob": ""}                          | model.trainJob  | must not be blank

            dataset=null                                    | dataset           | is required
            dataset.name="imagenet"                         | dataset.name      | must be one of mnist, fashion-mnist, permuted-mnist, cifar10, gaussian, bernoulli (got "imagenet")
            dataset.trainSize=100                           | dataset.trainSize | does not apply to an Evaluate spec: it takes split and samples
            dataset.testSize=10000                          | dataset.testSize  | does not apply to an Evaluate spec: it takes split and samples
            dataset.seed=1                                  | dataset.seed      | applies only to datasets gaussian, bernoulli in an Evaluate spec: the spec's own seed chooses the samples
            dataset={"name": "gaussian", "seed": -1}        | dataset.seed      | must be >= 0
            dataset.task=1                                  | dataset.task      | applies only to dataset permuted-mnist
            dataset={"name": "bernoulli", "tau": 2}         | dataset.tau       | must be in [0, 1]
            split="validation"                              | split             | must be one of test, train (got "validation")
            samples=0                                       | samples           | must be > 0
            samples=10001                                   | samples           | must be <= 10000 for the test split of fashion-mnist
            split="train" ; samples=60001                   | samples           | must be <= 60000 for the train split of fashion-mnist
            dataset.name="cifar10" ; split="train" ; samples=50001 | samples    | must be <= 50000 for the train split of cifar10
            dataset={"name": "gaussian"} ; samples=1000001  | samples           | must be <= 1000000 for the test split of gaussian

            preset="autoattack"                             | preset          | must be one of foolbox-sweep (got "autoattack")
            preset="foolbox-sweep" ; epsilons=null          | attacks         | must not be given with preset foolbox-sweep: the preset sets them
            preset="foolbox-sweep" ; attacks=null           | epsilons        | must not be given with preset foolbox-sweep: the preset sets them
            attacks=null ; epsilons=null                    | attacks         | is required unless a preset, corruptions or weightNoise is given: the spec would measure nothing
            attacks=null ; weightNoise={"sigmas": [0.1]}    | attacks         | is required when epsilons is given: epsilons are what attacks run at
            attacks=null                                    | attacks         | is required when epsilons is given: epsilons are what attacks run at
            attacks=[]                                      | attacks         | must not be empty
            epsilons=null                                   | epsilons        | is required for attacks
            epsilons=[]                                     | epsilons        | must not be empty
            attacks=[null]                                  | attacks[0]      | must be an object

            attacks=[{}]                                    | attacks[0].name | is required
            attacks=[{"name": "pgd"}]                       | attacks[0].name | must be one of fgsm, linf-bim, linf-pgd, l2-pgd, linf-uniform-noise, l2-gaussian-noise, linf-deepfool, l2-deepfool, l2-ddn, l2-carlini-wagner (got "pgd")
            attacks=[{"name": "linf-pgd", "label": " "}]    | attacks[0].label | must not be blank
            attacks=[{"name": "linf-pgd"}, {"name": "linf-pgd", "steps": 100}] | attacks[1].label | must be unique: attacks[0] is labelled "linf-pgd" too (give each variant a label)
            attacks=[{"name": "fgsm", "label": "a"}, {"name": "l2-pgd", "label": "a"}] | attacks[1].label | must be unique: attacks[0] is labelled "a" too (give each variant a label)
            attacks=[{"name": "fgsm", "steps": 5}]          | attacks[0].steps | applies only to attacks linf-bim, linf-pgd, l2-pgd, linf-deepfool, l2-deepfool, l2-ddn, l2-carlini-wagner
            attacks=[{"name": "fgsm", "targeted": true}]    | attacks[0].targeted | applies only to attacks linf-bim, linf-pgd, l2-pgd, l2-ddn, l2-carlini-wagner
            attacks=[{"name": "linf-deepfool", "targeted": true}] | attacks[0].targeted | applies only to attacks linf-bim, linf-pgd, l2-pgd, l2-ddn, l2-carlini-wagner
            attacks=[{"name": "linf-bim", "restarts": 2}]   | attacks[0].restarts | applies only to attacks linf-pgd, l2-pgd
            attacks=[{"name": "l2-ddn", "overshoot": 0.02}] | attacks[0].overshoot | applies only to attacks linf-deepfool, l2-deepfool
            attacks=[{"name": "linf-pgd", "gamma": 0.05}]   | attacks[0].gamma | applies only to attacks l2-ddn
            attacks=[{"name": "l2-ddn", "learningRate": 0.1}] | attacks[0].learningRate | applies only to attacks l2-carlini-wagner
            attacks=[{"name": "linf-pgd", "repeats": 3}]    | attacks[0].repeats | applies only to attacks linf-uniform-noise, l2-gaussian-noise
            attacks=[{"name": "l2-gaussian-noise", "randomStart": true}] | attacks[0].randomStart | applies only to attacks fgsm, linf-bim, linf-pgd, l2-pgd
            attacks=[{"name": "linf-pgd", "steps": 0}]      | attacks[0].steps | must be > 0
            attacks=[{"name": "l2-carlini-wagner", "steps": 100001}] | attacks[0].steps | must be <= 100000
            attacks=[{"name": "linf-pgd", "relativeStepSize": 0}] | attacks[0].relativeStepSize | must be > 0
            attacks=[{"name": "l2-pgd", "stepSize": -0.5}]  | attacks[0].stepSize | must be > 0
            attacks=[{"name": "linf-bim", "stepSize": 0.01, "relativeStepSize": 0.1}] | attacks[0].stepSize | must not be given together with relativeStepSize: give one step size
            attacks=[{"name": "linf-pgd", "restarts": 0}]   | attacks[0].restarts | must be > 0
            attacks=[{"name": "linf-pgd", "restarts": 1001}] | attacks[0].restarts | must be <= 1000
            attacks=[{"name": "l2-pgd", "restarts": 5, "randomStart": false}] | attacks[0].restarts | must be 1 without randomStart: every restart would be the same
            attacks=[{"name": "linf-deepfool", "candidates": 1}] | attacks[0].candidates | must be >= 2
            attacks=[{"name": "l2-deepfool", "overshoot": -0.1}] | attacks[0].overshoot | must be >= 0
            attacks=[{"name": "l2-deepfool", "loss": "hinge"}] | attacks[0].loss | must be one of logits, crossentropy (got "hinge")
            attacks=[{"name": "l2-ddn", "gamma": 1}]        | attacks[0].gamma | must be in (0, 1)
            attacks=[{"name": "l2-ddn", "initialEpsilon": 0}] | attacks[0].initialEpsilon | must be > 0
            attacks=[{"name": "l2-carlini-wagner", "binarySearchSteps": 0}] | attacks[0].binarySearchSteps | must be > 0
            attacks=[{"name": "l2-carlini-wagner", "binarySearchSteps": 101}] | attacks[0].binarySearchSteps | must be <= 100
            attacks=[{"name": "l2-carlini-wagner", "confidence": -1}] | attacks[0].confidence | must be >= 0
            attacks=[{"name": "l2-carlini-wagner", "learningRate": 0}] | attacks[0].learningRate | must be > 0
            attacks=[{"name": "l2-carlini-wagner", "initialConst": 0}] | attacks[0].initialConst | must be > 0
            attacks=[{"name": "linf-uniform-noise", "repeats": 0}] | attacks[0].repeats | must be > 0
            attacks=[{"name": "linf-pgd", "targetClass": 3}] | attacks[0].targetClass | applies only when targeted is true
            attacks=[{"name": "linf-pgd", "targeted": true, "targetClass": 10}] | attacks[0].targetClass | must be < 10, the number of classes of fashion-mnist
            attacks=[{"name": "l2-ddn", "targeted": true, "targetClass": 2}] ; dataset={"name": "gaussian"} | attacks[0].targetClass | must be < 2, the number of classes of gaussian
            attacks=[{"name": "linf-pgd", "targeted": true, "targetClass": -1}] | attacks[0].targetClass | must be >= 0

            epsilons=[{}]                                   | epsilons[0]     | must have exactly one of values, linspace, logspace
            epsilons=[{"values": [0.1], "linspace": {"start": 0, "stop": 1, "num": 3}}] | epsilons[0] | must have exactly one of values, linspace, logspace (got values, linspace)
            epsilons=[null]                                 | epsilons[0]     | must be an object
            epsilons=[{"values": []}]                       | epsilons[0].values | must not be empty
            epsilons=[{"values": [0.1, 0.1]}]               | epsilons[0].values[1] | must be > 0.1, the value before it (ascending, no repeats)
            epsilons=[{"values": [0.3]}, {"values": [0.2, 0.1]}] | epsilons[1].values[1] | must be > 0.2, the value before it (ascending, no repeats)
            epsilons=[{"values": [-0.1]}]                   | epsilons[0].values[0] | must be >= 0
            epsilons=[{"values": [0.1], "scale": 0}]        | epsilons[0].scale | must be > 0
            epsilons=[{"values": [0.1], "decimals": 16}]    | epsilons[0].decimals | must be <= 15
            epsilons=[{"values": [0.1], "decimals": -1}]    | epsilons[0].decimals | must be >= 0
            epsilons=[{"linspace": {"stop": 0.3, "num": 4}}] | epsilons[0].linspace.start | is required
            epsilons=[{"linspace": {"start": 0, "num": 4}}] | epsilons[0].linspace.stop | is required
            epsilons=[{"linspace": {"start": 0, "stop": 0.3}}] | epsilons[0].linspace.num | is required
            epsilons=[{"linspace": {"start": -0.1, "stop": 0.3, "num": 4}}] | epsilons[0].linspace.start | must be >= 0
            epsilons=[{"linspace": {"start": 0.3, "stop": 0.3, "num": 4}}] | epsilons[0].linspace.stop | must be > start (0.3)
            epsilons=[{"linspace": {"start": 0, "stop": 0.3, "num": 1}}] | epsilons[0].linspace.num | must be >= 2
            epsilons=[{"logspace": {"start": -3, "stop": -4, "num": 5}}] | epsilons[0].logspace.stop | must be > start (-3)
            epsilons=[{"logspace": {"start": -3, "stop": -1, "num": 1001}}] | epsilons[0].logspace.num | must be <= 1000
            epsilons=[{"logspace": {"start": -3, "stop": -1, "num": 5, "base": 1}}] | epsilons[0].logspace.base | must be > 1
            epsilons=[{"logspace": {"start": 0, "stop": 400, "num": 3}}] | epsilons[0] | must have finite points: its largest overflows a double
            epsilons=[{"linspace": {"start": 0, "stop": 1, "num": 600}}, {"linspace": {"start": 2, "stop": 3, "num": 600}}] | epsilons | must have at most 1000 values (has 1200)

            corruptions={"names": []}                       | corruptions.names | must not be empty
            corruptions={"names": ["fog"]}                  | corruptions.names[0] | must be one of gaussian-noise, shot-noise, impulse-noise, speckle-noise, gaussian-blur, defocus-blur, motion-blur, zoom-blur, pixelate, jpeg, contrast, brightness, elastic-transform (got "fog")
            corruptions={"names": ["jpeg", "contrast", "jpeg"]} | corruptions.names[2] | repeats names[0] (jpeg)
            corruptions={"severities": []}                  | corruptions.severities | must not be empty
            corruptions={"severities": [0, 1]}              | corruptions.severities[0] | must be > 0
            corruptions={"severities": [5, 6]}              | corruptions.severities[1] | must be <= 5
            corruptions={"severities": [3, 1]}              | corruptions.severities[1] | must be > 3, the value before it (ascending, no repeats)
            corruptions={} ; dataset={"name": "gaussian"}   | corruptions     | applies only to image datasets (mnist, fashion-mnist, permuted-mnist, cifar10)

            weightNoise={}                                  | weightNoise.sigmas | is required
            weightNoise={"sigmas": []}                      | weightNoise.sigmas | must not be empty
            weightNoise={"sigmas": [0, 0.1]}                | weightNoise.sigmas[0] | must be > 0
            weightNoise={"sigmas": [0.2, 0.1]}              | weightNoise.sigmas[1] | must be > 0.2, the value before it (ascending, no repeats)
            weightNoise={"sigmas": [0.1], "draws": 0}       | weightNoise.draws | must be > 0
            weightNoise={"sigmas": [0.1], "draws": 1001}    | weightNoise.draws | must be <= 1000
            """)
    void reportsTheRuleUnderItsFieldPath(String edits, String field, String message) {
        assertThat(violationsOf(minimalEvaluateWith(edits.split(";"))))
                .as(edits).containsExactly(new SpecViolation(field, message));
    }

    @Test
    void aPresetWithBothAttacksAndEpsilonsNamesBoth() {
        assertThat(violationsOf(minimalEvaluateWith("preset=\"foolbox-sweep\""))).containsExactly(
                new SpecViolation("attacks", "must not be given with preset foolbox-sweep: the preset sets them"),
                new SpecViolation("epsilons", "must not be given with preset foolbox-sweep: the preset sets them"));
    }

    @Test
    void anySingleMeasurementIsEnough() {
        assertThat(Specs.parseEvaluate(minimalEvaluateWith("attacks=null", "epsilons=null", "corruptions={}"))
                .violations()).isEmpty();
        assertThat(Specs.parseEvaluate(minimalEvaluateWith("attacks=null", "epsilons=null",
                "weightNoise={\"sigmas\": [0.1]}")).violations()).isEmpty();
        assertThat(Specs.parseEvaluate(minimalEvaluateWith("attacks=null", "epsilons=null",
                "preset=\"foolbox-sweep\"")).violations()).isEmpty();
    }

    @Test
    void collectsEveryViolationNotJustTheFirst() {
        String json = minimalEvaluateWith("model={}", "samples=0",
                "attacks=[{\"name\": \"fgsm\", \"steps\": 3}, {\"name\": \"l2-ddn\", \"gamma\": 2}]",
                "epsilons=[{\"values\": [0.2, 0.1]}, {\"linspace\": {\"start\": 0, \"stop\": 1, \"num\": 1}}]",
                "weightNoise={\"sigmas\": [-1]}");

        assertThat(violationsOf(json)).containsExactlyInAnyOrder(
                new SpecViolation("model", "must have exactly one of trainJob, path, artifact"),
                new SpecViolation("samples", "must be > 0"),
                new SpecViolation("attacks[0].steps", "applies only to attacks linf-bim, linf-pgd, l2-pgd, "
                        + "linf-deepfool, l2-deepfool, l2-ddn, l2-carlini-wagner"),
                new SpecViolation("attacks[1].gamma", "must be in (0, 1)"),
                new SpecViolation("epsilons[0].values[1]", "must be > 0.2, the value before it (ascending, no repeats)"),
                new SpecViolation("epsilons[1].linspace.num", "must be >= 2"),
                new SpecViolation("weightNoise.sigmas[0]", "must be > 0"));
    }

    @Test
    void overlappingPartsAreOneGrid() {
        EvaluateSpec spec = Specs.parseEvaluate(minimalEvaluateWith(
                "epsilons=[{\"values\": [0, 0.1, 0.2]}, {\"linspace\": {\"start\": 0, \"stop\": 0.2, \"num\": 3}}]"));

        assertThat(spec.violations()).isEmpty();
        assertThat(spec.epsilonGrid()).containsExactly(0, 0.1, 0.2);
    }

    @Test
    void aSpecBuiltInJavaIsCheckedByTheSameRules() {
        EvaluateSpec spec = new EvaluateSpec(JobSpec.API_VERSION, EvaluateSpec.KIND, null,
                ModelReference.trainJob("job-7"),
                new DatasetSpec("cifar10", null, null, null, null, null, null, null, null),
                "train", 50_001, null, List.of(AttackSpec.named("l2-carlini-wagner")),
                List.of(EpsilonGridPart.of(0, 0.5, 1)), null, null, null, null);

        assertThat(spec.violations()).containsExactly(
                new SpecViolation("samples", "must be <= 50000 for the train split of cifar10"));
    }

    @Test
    void theMinimalSpecIsValid() {
        assertThat(Specs.parseEvaluate(Specs.MINIMAL_EVALUATE).violations()).isEmpty();
    }
}
