package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with heavy-ball momentum and coupled weight decay, as {@code torch.optim.SGD}
 * (dampening 0, no Nesterov): buf ← μ·buf + (g + λ·w), w ← w − lr·buf.
 *
 * <p>To spend as few passes over memory as possible, gradients arrive multiplied by a scale κ (the loop scales
 * the loss, which costs nothing) and the buffer holds κ·buf; κ follows the learning rate, so the update is a plain
 * {@code w −= buffer}: four passes per step (scale the buffer, add the gradient, subtract, zero the gradient)
 * where DJL's fused {@code sgdUpdate} takes six plus a copy and puts the rate inside the buffer (which differs from
 * torch when the rate changes). When the rate changes at an epoch boundary the buffer is rescaled once, so the result is torch's.
 */
public final class SgdOptimizer implements Optimizer {

    private final List<NDArray> parameters;
    private final OptimizerBuffers momentumBuffers;
    private final float momentum;
    private final double weightDecay;
    private double scale = 1;
    private boolean scaleFixed;

    SgdOptimizer(List<NDArray> parameters, NDManager manager, double momentum, double weightDecay) {
        this.parameters = List.copyOf(parameters);
        this.momentum = (float) momentum;
        this.weightDecay = weightDecay;
        this.momentumBuffers = momentum == 0 ? null : new OptimizerBuffers("momentum", parameters, manager);
    }

    @Override
    public float gradientScale(double learningRate) {
        if (learningRate > 0 && learningRate != scale) {
            if (scaleFixed && momentumBuffers != null) {
                float ratio = (float) (learningRate / scale);
                for (int i = 0; i < parameters.size(); i++) {
                    momentumBuffers.get(i).muli(ratio);
                }
            }
            scale = learningRate;
        }
        scaleFixed = true;
        return (float) scale;
    }

    @Override
    public void step(double learningRate) {
        boolean move = learningRate > 0;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i);
            try (NDArray gradient = weight.getGradient()) {
                if (weightDecay != 0) {
                    try (NDArray decay = weight.mul((float) (scale * weightDecay))) {
                        gradient.addi(decay);
                    }
                }
                NDArray update = gradient;
                if (momentumBuffers != null) {
                    update = momentumBuffers.get(i).muli(momentum).addi(gradient);
                }
                if (move) {
                    weight.subi(update);
                }
                gradient.muli(0);
            }
        }
    }

    @Override
    public State state(NDManager manager) {
        NDList arrays = new NDList();
        if (momentumBuffers != null) {
            momentumBuffers.copyTo(arrays, manager);
        }
        return new State(arrays, Map.of("gradientScale", scale, "scaleFixed", scaleFixed ? 1.0 : 0.0));
    }

    @Override
    public void restore(State state) {
        if (momentumBuffers != null) {
            momentumBuffers.copyFrom(state.arrays());
        }
        scale = state.scalars().get("gradientScale");
        scaleFixed = state.scalars().get("scaleFixed") != 0;
    }
}
