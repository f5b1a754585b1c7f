package io.robustlab.contracts.spec;

import static io.robustlab.contracts.spec.Specs.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of the spec language, reported under its exact field path. */
class SpecValidationTest {

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            apiVersion="robustlab/v2"                       | apiVersion      | must be robustlab/v1 (got "robustlab/v2")
            apiVersion=null                                 | apiVersion      | is required
            epochs=0                                        | epochs          | must be > 0
            epochs=10001                                    | epochs          | must be <= 10000
            batchSize=0                                     | batchSize       | must be > 0
            batchSize=65537                                 | batchSize       | must be <= 65536
            seed=-1                                         | seed            | must be >= 0
            seed=9007199254740992                           | seed            | must be <= 9007199254740991
            dataset=null                                    | dataset         | is required
            model=null                                      | model           | is required

            dataset.name=null                               | dataset.name      | is required
            dataset.name="imagenet"                         | dataset.name      | must be one of mnist, fashion-mnist, permuted-mnist, cifar10, gaussian, bernoulli (got "imagenet")
            dataset.seed=-3                                 | dataset.seed      | must be >= 0
            dataset.trainSize=0                             | dataset.trainSize | must be > 0
            dataset.trainSize=60001                         | dataset.trainSize | must be <= 60000 for fashion-mnist
            dataset.testSize=-5                             | dataset.testSize  | must be > 0
            dataset.testSize=10001                          | dataset.testSize  | must be <= 10000 for fashion-mnist
            dataset={"name": "cifar10", "trainSize": 50001} | dataset.trainSize | must be <= 50000 for cifar10
            dataset={"name": "mnist", "trainSize": 60001}   | dataset.trainSize | must be <= 60000 for mnist
            dataset={"name": "gaussian", "trainSize": 1000001} | dataset.trainSize | must be <= 1000000 for gaussian
            dataset.task=1                                  | dataset.task      | applies only to dataset permuted-mnist
            dataset={"name": "permuted-mnist", "task": -1}  | dataset.task      | must be >= 0
            dataset={"name": "gaussian", "dimension": 0}    | dataset.dimension | must be > 0
            dataset={"name": "bernoulli", "dimension": 1000001} | dataset.dimension | must be <= 1000000
            dataset.dimension=5                             | dataset.dimension | applies only to datasets gaussian, bernoulli
            dataset={"name": "gaussian", "sigma": 0}        | dataset.sigma     | must be > 0
            dataset={"name": "bernoulli", "tau": 1.5}       | dataset.tau       | must be in [0, 1]
            dataset={"name": "bernoulli", "tau": -0.1}      | dataset.tau       | must be in [0, 1]
            dataset={"name": "bernoulli", "mu": 1}          | dataset.mu        | applies only to dataset gaussian
            dataset={"name": "bernoulli", "sigma": 1}       | dataset.sigma     | applies only to dataset gaussian
            dataset={"name": "gaussian", "tau": 0.5}        | dataset.tau       | applies only to dataset bernoulli

            model.architecture=null                         | model.architecture | is required
            model.architecture="resnet"                     | model.architecture | must be one of mlp, lenet, vgg (got "resnet")
            model.hidden=null                               | model.hidden      | is required for architecture mlp
            model.hidden=[]                                 | model.hidden      | must not be empty
            model.hidden=[1024, 0]                          | model.hidden[1]   | must be > 0
            model.hidden=[65537]                            | model.hidden[0]   | must be <= 65536
            model.width=2                                   | model.width       | applies only to architecture lenet
            model.channels=[8]                              | model.channels    | applies only to architecture vgg
            model={"architecture": "lenet", "width": 0}     | model.width       | must be > 0
            model={"architecture": "lenet", "width": 65}    | model.width       | must be <= 64
            model={"architecture": "lenet", "hidden": [8]}  | model.hidden      | applies only to architecture mlp
            model={"architecture": "vgg", "channels": []}   | model.channels    | must not be empty
            model={"architecture": "vgg", "channels": [16, 0]} | model.channels[1] | must be > 0
            model={"architecture": "vgg", "channels": [4097]} | model.channels[0] | must be <= 4096
            model.head="mse"                                | model.head        | must be one of softmax-cross-entropy, sigmoid-mse (got "mse")
            model.activation="swish"                        | model.activation.name | must be one of relu, tanh, sigmoid, relog, maxout (got "swish")
            model.activation={"name": "relog", "base": 1}   | model.activation.base | must be > 0 and != 1
            model.activation={"name": "relog", "base": 0}   | model.activation.base | must be > 0 and != 1
            model.activation={"name": "relog", "epsilon": 0} | model.activation.epsilon | must be > 0
            model.activation={"name": "maxout", "pieces": 1} | model.activation.pieces | must be >= 2
            model.activation={"name": "maxout", "pieces": 17} | model.activation.pieces | must be <= 16
            model.activation={"name": "relu", "pieces": 2}  | model.activation.pieces | applies only to activation maxout
            model.activation={"name": "tanh", "base": 2}    | model.activation.base | applies only to activation relog
            model.activation={"name": "maxout", "offset": 1} | model.activation.offset | applies only to activation relog

            model={"architecture": "lenet"} ; dataset.name="cifar10" | model.architecture | lenet needs a 28×28 grayscale dataset (mnist, fashion-mnist, permuted-mnist), not cifar10
            model={"architecture": "lenet"} ; dataset.name="gaussian" | model.architecture | must be mlp for synthetic dataset gaussian
            model={"architecture": "vgg"} ; dataset.name="bernoulli" | model.architecture | must be mlp for synthetic dataset bernoulli
            model={"architecture": "vgg", "channels": [8, 8, 8, 8, 8]} | model.channels | must have at most 4 blocks for fashion-mnist: each block halves the image side
            model={"architecture": "vgg", "channels": [8, 8, 8, 8, 8, 8]} ; dataset.name="cifar10" | model.channels | must have at most 5 blocks for cifar10: each block halves the image side

            optimizer.name="rmsprop"                        | optimizer.name    | must be one of sgd, adam (got "rmsprop")
            optimizer.learningRate=0                        | optimizer.learningRate | must be in (0, 10]
            optimizer.learningRate=10.5                     | optimizer.learningRate | must be in (0, 10]
            optimizer.momentum=1                            | optimizer.momentum | must be in [0, 1)
            optimizer.momentum=-0.5                         | optimizer.momentum | must be in [0, 1)
            optimizer.weightDecay=-0.1                      | optimizer.weightDecay | must be >= 0
            optimizer.beta1=0.9                             | optimizer.beta1   | applies only to optimizer adam
            optimizer={"name": "adam", "beta1": 1}          | optimizer.beta1   | must be in [0, 1)
            optimizer={"name": "adam", "beta2": -0.1}       | optimizer.beta2   | must be in [0, 1)
            optimizer={"name": "adam", "epsilon": 0}        | optimizer.epsilon | must be > 0
            optimizer={"name": "adam", "momentum": 0.9}     | optimizer.momentum | applies only to optimizer sgd
            optimizer.schedule={"name": "linear"}           | optimizer.schedule.name | must be one of constant, step, cosine (got "linear")
            optimizer.schedule={"name": "step", "stepEpochs": 0} | optimizer.schedule.stepEpochs | must be > 0
            optimizer.schedule={"name": "step", "gamma": 0} | optimizer.schedule.gamma | must be in (0, 1]
            optimizer.schedule={"name": "step", "gamma": 1.5} | optimizer.schedule.gamma | must be in (0, 1]
            optimizer.schedule={"name": "cosine", "minLearningRate": -1} | optimizer.schedule.minLearningRate | must be >= 0
            optimizer.schedule={"name": "cosine", "minLearningRate": 0.5} | optimizer.schedule.minLearningRate | must be <= learningRate (0.01)
            optimizer.schedule={"name": "constant", "gamma": 0.5} | optimizer.schedule.gamma | applies only to schedule step
            optimizer.schedule={"name": "step", "minLearningRate": 0} | optimizer.schedule.minLearningRate | applies only to schedule cosine

            method.name="mixup"                             | method.name       | must be one of standard, adversarial (got "mixup")
            method={"name": "adversarial"}                  | method.epsilon    | is required for method adversarial
            method={"name": "adversarial", "epsilon": 0}    | method.epsilon    | must be in (0, 1]
            method={"name": "adversarial", "epsilon": 1.5}  | method.epsilon    | must be in (0, 1]
            method={"name": "adversarial", "epsilon": 0.3, "attack": "cw"} | method.attack | must be one of fgsm, pgd (got "cw")
            method={"name": "adversarial", "epsilon": 0.3, "steps": 0} | method.steps | must be > 0
            method={"name": "adversarial", "epsilon": 0.3, "steps": 1001} | method.steps | must be <= 1000
            method={"name": "adversarial", "epsilon": 0.3, "stepSize": 0} | method.stepSize | must be > 0
            method={"name": "adversarial", "epsilon": 0.3, "mixRatio": 1.5} | method.mixRatio | must be in [0, 1]
            method={"name": "adversarial", "epsilon": 0.3, "attack": "fgsm", "steps": 5} | method.steps | applies only to attack pgd
            method={"name": "adversarial", "epsilon": 0.3, "attack": "fgsm", "stepSize": 0.1} | method.stepSize | applies only to attack pgd
            method={"name": "adversarial", "epsilon": 0.3, "attack": "fgsm", "randomStart": false} | method.randomStart | applies only to attack pgd
            method.epsilon=0.3                              | method.epsilon    | applies only to method adversarial
            method.attack="pgd"                             | method.attack     | applies only to method adversarial
            method.mixRatio=0.5                             | method.mixRatio   | applies only to method adversarial
            """)
    void reportsTheRuleUnderItsFieldPath(String edits, String field, String message) {
        InvalidSpecException invalid = catchThrowableOfType(InvalidSpecException.class,
                () -> SpecCodec.parse(minimalWith(edits.split(";"))));

        assertThat(invalid).as("no violation for %s", edits).isNotNull();
        assertThat(invalid.violations()).containsExactly(new SpecViolation(field, message));
    }

    @Test
    void collectsEveryViolationNotJustTheFirst() {
        String json = minimalWith("epochs=0", "model.hidden=[1024, 0, -1]", "optimizer.momentum=1",
                "method={\"name\": \"adversarial\"}", "dataset.trainSize=70000");

        InvalidSpecException invalid = catchThrowableOfType(InvalidSpecException.class, () -> SpecCodec.parse(json));

        assertThat(invalid.violations()).containsExactlyInAnyOrder(
                new SpecViolation("epochs", "must be > 0"),
                new SpecViolation("model.hidden[1]", "must be > 0"),
                new SpecViolation("model.hidden[2]", "must be > 0"),
                new SpecViolation("optimizer.momentum", "must be in [0, 1)"),
                new SpecViolation("method.epsilon", "is required for method adversarial"),
                new SpecViolation("dataset.trainSize", "must be <= 60000 for fashion-mnist"));
        assertThat(invalid).hasMessageContaining("model.hidden[1] must be > 0; ")
                .hasMessageContaining("method.epsilon is required for method adversarial");
    }

    @Test
    void aSpecBuiltInJavaIsCheckedByTheSameRules() {
        TrainSpec spec = new TrainSpec(JobSpec.API_VERSION, TrainSpec.KIND, null,
                new DatasetSpec("cifar10", null, null, null, null, null, null, null, null),
                new ModelSpec("lenet", null, 0, null, null, null),
                null, null, null, null, null);

        assertThat(spec.violations()).containsExactly(
                new SpecViolation("model.width", "must be > 0"),
                new SpecViolation("model.architecture",
                        "lenet needs a 28×28 grayscale dataset (mnist, fashion-mnist, permuted-mnist), not cifar10"));
    }

    @Test
    void aValidSpecHasNoViolations() {
        assertThat(Specs.parseTrain(Specs.MINIMAL).violations()).isEmpty();
    }

    @Test
    void aViolationReadsAsOneSentence() {
        assertThat(new SpecViolation("model.hidden[1]", "must be > 0")).hasToString("model.hidden[1] must be > 0");
        assertThat(new SpecViolation("", "the spec is empty")).hasToString("the spec is empty");
        assertThat(new InvalidSpecException(List.of(new SpecViolation("epochs", "must be > 0"),
                new SpecViolation("seed", "must be >= 0")))).hasMessage("epochs must be > 0; seed must be >= 0");
    }
}
