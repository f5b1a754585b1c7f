package io.robustlab.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.ActivationSpec;
import io.robustlab.contracts.spec.ModelSpec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Numbers in a recorded computation stay valid until the backward pass has read them, whatever the garbage collector
 * does in between. DJL's number overloads ({@code x.mul(0.5f)}) fail this: their operand lives in a Java buffer that a
 * collection frees while autograd still holds it, and these tests then see a gradient scaled or masked by garbage.
 */
class GradientRecorderTest {

    @Test
    void aScalarStaysValidForTheBackwardPassAfterItsArrayIsClosed() {
        // closed straight after use, as DJL's number overloads close theirs
        float[] gradient = inputGradient(new float[] {1f, -2f, 3f}, x -> {
            try (NDArray half = GradientRecorder.scalar(x.getManager(), 0.5f);
                    NDArray zero = GradientRecorder.scalar(x.getManager(), 0f)) {
                return x.mul(half).maximum(zero);
            }
        }, true);

        assertThat(gradient).containsExactly(0.5f, 0f, 0.5f);
    }

    @Test
    void aRelogNetworkHasTheSameInputGradientWhenTheCollectorRunsBeforeBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = Network.build(new ModelSpec("mlp", List.of(8), null, null,
                    new ActivationSpec("relog", 2.0, 0.5, 0.25, null), "softmax-cross-entropy"), new long[] {3}, 2,
                    manager);
            network.initialize(new SplittableRandom(5));
            float[] inputs = {0.1f, 0.7f, 0.4f, 0.9f, 0.2f, 0.6f};
            Function<NDArray, NDArray> sum = x -> network.logits(x.reshape(2, 3), false).sum();
            float[] calm;
            float[] collected;
            try (Network.Frozen frozen = network.freeze()) {
                calm = inputGradient(inputs, sum, false);
                collected = inputGradient(inputs, sum, true);
            }

            assertThat(calm).doesNotContain(0f);
            assertThat(collected).containsExactly(calm);
        }
    }

    /**
     * The gradient of {@code objective} at {@code values}; with {@code collect}, garbage collections run between the
     * forward and the backward pass and are given time to free what nothing references.
     */
    static float[] inputGradient(float[] values, Function<NDArray, NDArray> objective, boolean collect) {
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(values);
            x.setRequiresGradient(true);
            try (GradientRecorder recorder = GradientRecorder.open(manager.getEngine())) {
                NDArray y = objective.apply(x);
                if (collect) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        LockSupport.parkNanos(30_000_000); // direct buffers are freed by a cleaner thread, later
                    }
                }
                recorder.backward(y.sum());
            }
            return x.getGradient().toFloatArray();
        }
    }
}
