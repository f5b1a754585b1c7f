package io.robustlab.core.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.model.SavedModel;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingFixtures;
import io.robustlab.core.train.TrainingResult;
import io.robustlab.core.train.TrainingRun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

class AttackTest {

    static final double EPSILON = 0.1;

    static NDManager manager;
    static Network network;
    static NDArray inputs;
    static NDArray labels;

    @BeforeAll
    static void trainASmallModel(@TempDir Path workDir) throws IOException {
        Dataset data = TrainingFixtures.blobs(600, 200, 20, 3, 0.1, 11);
        TrainingResult trained = TrainingRun.run(TrainingFixtures.spec(TrainingFixtures.mlp(32),
                TrainingFixtures.adam(0.01), TrainingFixtures.STANDARD, 3, 20, 1), data, workDir, EpochListener.NONE);
        manager = NDManager.newBaseManager();
        network = SavedModel.load(trained.modelFolder(), manager);
        ExampleSet test = data.test();
        inputs = manager.create(test.features(), new Shape(test.size(), 20));
        labels = manager.create(java.util.Arrays.stream(test.labels()).asLongStream().toArray());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    float loss(NDArray x) {
        return network.loss(network.logits(x, false), labels).getFloat();
    }

    void assertInsideBallAndBox(NDArray adversarial) {
        assertThat(adversarial.getShape()).isEqualTo(inputs.getShape());
        assertThat(adversarial.sub(inputs).abs().max().getFloat()).isLessThanOrEqualTo((float) (EPSILON + 1e-6));
        assertThat(adversarial.min().getFloat()).isGreaterThanOrEqualTo(0f);
        assertThat(adversarial.max().getFloat()).isLessThanOrEqualTo(1f);
    }

    @Test
    void pgdBeatsFgsmBeatsCleanAndBothStayInsideTheBallAndTheBox() {
        try (NoGradScope noGrad = new NoGradScope(); NDManager batch = manager.newSubManager()) {
            NDArray x = inputs.duplicate();
            x.attach(batch);
            // the loss comparison holds for attacks that run every step on every sample
            NDArray fgsm = new FgsmAttack(EPSILON, false, StopRule.NEVER).perturb(network, x, AttackGoal.untargeted(labels), new SplittableRandom(1));
            NDArray pgd = PgdAttack.withDefaultStepSize(EPSILON, 10, true).withStopRule(StopRule.NEVER)
                    .perturb(network, x, AttackGoal.untargeted(labels), new SplittableRandom(1));

            assertInsideBallAndBox(fgsm);
            assertInsideBallAndBox(pgd);
            assertThat(fgsm.getManager()).isSameAs(batch);
            assertThat(x.toFloatArray()).isEqualTo(inputs.toFloatArray());
            float clean = loss(inputs);
            assertThat(loss(fgsm)).isGreaterThan(clean);
            assertThat(loss(pgd)).isGreaterThanOrEqualTo(loss(fgsm));
        }
    }

    @Test
    void attacksLeaveNoParameterGradientBehind() {
        try (NoGradScope noGrad = new NoGradScope(); NDManager batch = manager.newSubManager()) {
            NDArray x = inputs.duplicate();
            x.attach(batch);
            PgdAttack.linf(EPSILON, 2, 0.05, false).withStopRule(StopRule.NEVER).perturb(network, x, AttackGoal.untargeted(labels), new SplittableRandom(1));

            for (NDArray parameter : network.parameterArrays()) {
                assertThat(parameter.hasGradient()).isTrue();
                try (NDArray gradient = parameter.getGradient()) {
                    assertThat(gradient.abs().sum().getFloat()).isZero();
                }
            }
        }
    }

    @Test
    void randomStartsComeFromTheGivenGenerator() {
        try (NoGradScope noGrad = new NoGradScope(); NDManager batch = manager.newSubManager()) {
            PgdAttack attack = PgdAttack.linf(EPSILON, 1, 0.01, true);
            float[] a = attack.perturb(network, inputs, AttackGoal.untargeted(labels), new SplittableRandom(5)).toFloatArray();
            float[] b = attack.perturb(network, inputs, AttackGoal.untargeted(labels), new SplittableRandom(5)).toFloatArray();
            float[] c = attack.perturb(network, inputs, AttackGoal.untargeted(labels), new SplittableRandom(6)).toFloatArray();

            assertThat(a).isEqualTo(b).isNotEqualTo(c);
        }
    }
}
