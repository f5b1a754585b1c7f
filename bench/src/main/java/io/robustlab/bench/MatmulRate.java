package io.robustlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The plain matrix products a dense network's training step consists of, on the same engine and threads as
 * training: our measure of "the machine's limit" for that step.
 *
 * <p>For a layer {@code in → out} at batch {@code b}, one training step does three products: the forward
 * {@code X·Wᵀ} (b×in·in×out), the weight gradient {@code Gᵀ·X} (out×b·b×in) and the input gradient
 * {@code G·W} (b×out·out×in), each {@code 2·b·in·out} floating-point operations. The first layer's input
 * gradient is not needed in training and is left out.
 */
final class MatmulRate {

    private final int[] layerWidths;
    private final int batch;
    private final NDManager manager;
    private final NDArray[] inputs;
    private final NDArray[] weights;
    private final NDArray[] outputGrads;

    MatmulRate(int[] layerWidths, int batch, NDManager manager) {
        this.layerWidths = layerWidths.clone();
        this.batch = batch;
        this.manager = manager;
        int layers = layerWidths.length - 1;
        inputs = new NDArray[layers];
        weights = new NDArray[layers];
        outputGrads = new NDArray[layers];
        for (int layer = 0; layer < layers; layer++) {
            inputs[layer] = manager.randomUniform(0f, 1f, new Shape(batch, layerWidths[layer]));
            weights[layer] = manager.randomUniform(-0.05f, 0.05f, new Shape(layerWidths[layer + 1], layerWidths[layer]));
            outputGrads[layer] = manager.randomUniform(-1f, 1f, new Shape(batch, layerWidths[layer + 1]));
        }
    }

    /** Floating-point operations of the products of one training step (the figure the step is judged by). */
    double stepFlops() {
        double flops = 0;
        for (int layer = 0; layer + 1 < layerWidths.length; layer++) {
            double product = 2.0 * batch * layerWidths[layer] * layerWidths[layer + 1];
            flops += layer == 0 ? 2 * product : 3 * product;
        }
        return flops;
    }

    /** The products of one step. PyTorch's CPU kernels run eagerly: they are done when this returns. */
    void runStep() {
        try (NDManager step = manager.newSubManager()) {
            for (int layer = 0; layer < inputs.length; layer++) {
                inputs[layer].matMul(weights[layer].transpose()).attach(step);
                outputGrads[layer].transpose().matMul(inputs[layer]).attach(step);
                if (layer > 0) {
                    outputGrads[layer].matMul(weights[layer]).attach(step);
                }
            }
        }
    }
}
