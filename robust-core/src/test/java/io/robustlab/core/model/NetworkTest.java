package io.robustlab.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.robustlab.contracts.spec.ActivationSpec;
import io.robustlab.contracts.spec.ModelSpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

class NetworkTest {

    static final ActivationSpec RELU = new ActivationSpec("relu", null, null, null, null);

    NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static ModelSpec mlp(ActivationSpec activation, Integer... hidden) {
        return new ModelSpec("mlp", List.of(hidden), null, null, activation, "softmax-cross-entropy");
    }

    Network build(ModelSpec spec, long[] exampleShape, int classes) {
        Network network = Network.build(spec, exampleShape, classes, manager);
        network.initialize(new SplittableRandom(7));
        return network;
    }

    Shape logitsShape(Network network, long... batchShape) {
        return network.logits(manager.randomUniform(0, 1, new Shape(batchShape)), false).getShape();
    }

    @Test
    void mlpFlattensImagesAndCountsParametersLikePytorch() {
        Network network = build(mlp(RELU, 1024, 1024), new long[] {1, 28, 28}, 10);

        assertThat(logitsShape(network, 3, 1, 28, 28)).isEqualTo(new Shape(3, 10));
        // 784·1024+1024 + 1024·1024+1024 + 1024·10+10
        assertThat(network.parameterCount()).isEqualTo(1_863_690);
        assertThat(network.parameterNames()).containsExactly("layers.1.weight", "layers.1.bias",
                "layers.3.weight", "layers.3.bias", "layers.5.weight", "layers.5.bias");
        assertThat(network.parameterArrays().getFirst().getShape()).isEqualTo(new Shape(1024, 784));
    }

    @Test
    void lenetFollowsYeEtAl() {
        Network network = build(new ModelSpec("lenet", null, 1, null, RELU, "softmax-cross-entropy"),
                new long[] {1, 28, 28}, 10);

        assertThat(logitsShape(network, 2, 1, 28, 28)).isEqualTo(new Shape(2, 10));
        // conv 1→2 (5×5): 50+2; conv 2→4: 200+4; fc 196→64: 12544+64; fc 64→10: 640+10
        assertThat(network.parameterCount()).isEqualTo(52 + 204 + 12_608 + 650);
        assertThat(network.layers()).extracting(LayerDescription::type).containsExactly("conv2d", "relu",
                "maxpool2d", "conv2d", "relu", "maxpool2d", "flatten", "linear", "relu", "linear");
    }

    @Test
    void lenetWidthScalesEveryHiddenLayer() {
        Network network = build(new ModelSpec("lenet", null, 4, null, RELU, "softmax-cross-entropy"),
                new long[] {1, 28, 28}, 10);

        assertThat(network.parameterArrays()).extracting(NDArray::getShape).containsExactly(
                new Shape(8, 1, 5, 5), new Shape(8), new Shape(16, 8, 5, 5), new Shape(16),
                new Shape(256, 784), new Shape(256), new Shape(10, 256), new Shape(10));
    }

    @Test
    void vggNormalisesCifarInputAndHalvesResolutionPerBlock() {
        Network network = build(new ModelSpec("vgg", null, null, List.of(8, 16), RELU, "softmax-cross-entropy"),
                new long[] {3, 32, 32}, 10);

        assertThat(logitsShape(network, 2, 3, 32, 32)).isEqualTo(new Shape(2, 10));
        assertThat(network.layers().getFirst().type()).isEqualTo("normalize");
        assertThat(network.parameterArrays().get(8).getShape()).isEqualTo(new Shape(10, 16 * 8 * 8));
    }

    @Test
    void maxoutLayersProduceKTimesTheUnits() {
        ActivationSpec maxout = new ActivationSpec("maxout", null, null, null, 3);
        Network network = build(mlp(maxout, 16), new long[] {5}, 4);

        assertThat(logitsShape(network, 2, 5)).isEqualTo(new Shape(2, 4));
        assertThat(network.parameterArrays().get(0).getShape()).isEqualTo(new Shape(48, 5));
        assertThat(network.parameterArrays().get(2).getShape()).isEqualTo(new Shape(4, 16));

        Network conv = build(new ModelSpec("lenet", null, 1, null, maxout, "softmax-cross-entropy"),
                new long[] {1, 28, 28}, 10);
        assertThat(logitsShape(conv, 2, 1, 28, 28)).isEqualTo(new Shape(2, 10));
        assertThat(conv.parameterArrays().get(0).getShape()).isEqualTo(new Shape(6, 1, 5, 5));
    }

    @Test
    void maxoutTakesTheMaximumOfConsecutivePieces() {
        HiddenActivation maxout = new HiddenActivation("maxout", 0, 0, 0, 2);
        NDArray x = manager.create(new float[] {1, 5, -2, -3, 0, 7}, new Shape(1, 6));

        assertThat(maxout.maxout(x).toFloatArray()).containsExactly(5, -2, 7);
    }

    @Test
    void relogIsLogOfShiftedReluPlusOffset() {
        HiddenActivation relog = HiddenActivation.of(new ActivationSpec("relog", 2.0, 0.5, 3.0, null));
        float[] x = {-4f, 0f, 0.25f, 1.5f, 30f};
        float[] y = relog.relog(manager.create(x)).toFloatArray();

        for (int i = 0; i < x.length; i++) {
            double expected = Math.log(Math.max(0, x[i]) + 0.5) / Math.log(2) + 3;
            assertThat((double) y[i]).isCloseTo(expected, within(1e-5));
        }
        Network network = build(mlp(new ActivationSpec("relog", Math.E, 1.0, 0.0, null), 8), new long[] {3}, 2);
        assertThat(logitsShape(network, 4, 3)).isEqualTo(new Shape(4, 2));
    }

    @Test
    void initialisationIsPytorchsUniformBoundAndFixedBySeed() {
        ModelSpec spec = mlp(RELU, 64);
        Network a = build(spec, new long[] {100}, 10);
        Network b = build(spec, new long[] {100}, 10);

        float[] weights = a.parameterArrays().getFirst().toFloatArray();
        assertThat(weights).isEqualTo(b.parameterArrays().getFirst().toFloatArray());
        double bound = 1 / Math.sqrt(100);
        assertThat(maxAbs(weights)).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound);
        assertThat(maxAbs(a.parameterArrays().get(1).toFloatArray())).isLessThanOrEqualTo(bound);
        assertThat(maxAbs(a.parameterArrays().get(3).toFloatArray())).isLessThanOrEqualTo(1 / Math.sqrt(64));
    }

    static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
