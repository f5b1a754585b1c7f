package io.robustlab.core.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.ModelSpec;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.train.TrainingFixtures;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

/** The attacks on image batches (N, C, H, W) through a convolutional network: shapes, box, measured norms. */
class MinimumNormAttackImageTest {

    @ParameterizedTest
    @ValueSource(strings = {"linf-deepfool", "l2-deepfool", "l2-ddn", "l2-carlini-wagner"})
    void imagesKeepTheirShapeAndTheirNormsAreMeasured(String name) {
        AttackSpec spec = switch (name) {
            case "l2-ddn" -> new AttackSpec(name, null, 20, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null);
            case "l2-carlini-wagner" -> MinimumNormAttackTest.spec(name, 30, 3, 1.0, 0.05, true);
            default -> AttackSpec.named(name);
        };
        MinimumNormAttack attack = MinimumNormAttacks.of(spec);
        ExampleSet images = TrainingFixtures.quadrants(10, 1, new long[] {1, 28, 28}, 3).train();
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            Network network = Network.build(new ModelSpec("lenet", null, 1, null, TrainingFixtures.RELU,
                    "softmax-cross-entropy"), new long[] {1, 28, 28}, 4, manager);
            network.initialize(new SplittableRandom(7));
            NDArray inputs = manager.create(images.features(), new Shape(10, 1, 28, 28));
            NDArray labels = network.predict(inputs); // every sample correct when clean

            MinimumNormResult result = attack.attack(network, inputs, AttackGoal.untargeted(labels),
                    new SplittableRandom(1));

            assertThat(result.adversarials().getShape()).isEqualTo(inputs.getShape());
            assertThat(result.adversarials().min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(result.adversarials().max().getFloat()).isLessThanOrEqualTo(1f);
            float[] measured = BestAdversarials.measure(result.adversarials(), inputs, attack.norm());
            long[] fooledAs = network.predict(result.adversarials()).toLongArray();
            int finite = 0;
            for (int i = 0; i < 10; i++) {
                if (Float.isFinite(result.norms()[i])) {
                    finite++;
                    assertThat(result.norms()[i]).isEqualTo(measured[i]).isPositive();
                    assertThat(fooledAs[i]).isNotEqualTo(labels.getLong(i));
                }
            }
            assertThat(finite).isGreaterThanOrEqualTo(8);
        }
    }
}
