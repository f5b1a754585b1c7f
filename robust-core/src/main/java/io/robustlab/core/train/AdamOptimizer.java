package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015, "Adam: A Method for Stochastic Optimization") with {@code torch.optim.Adam}'s
 * semantics: coupled weight decay g ← g + λ·w, m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², and
 * w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε).
 *
 * <p>The arrays hold m/(1−β1) and v/(1−β2), so each moment update is a multiply and an add with no scaled copy of
 * the gradient; the constant factors go into the step size and ε of the same formula. Eleven passes over memory
 * per step, against DJL's fused {@code adamUpdate}'s twelve plus five temporary arrays (measured slower).
 */
public final class AdamOptimizer implements Optimizer {

    private final List<NDArray> parameters;
    private final OptimizerBuffers firstMoments;
    private final OptimizerBuffers secondMoments;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private long steps;

    AdamOptimizer(List<NDArray> parameters, NDManager manager, double beta1, double beta2, double epsilon,
            double weightDecay) {
        this.parameters = List.copyOf(parameters);
        this.firstMoments = new OptimizerBuffers("m", parameters, manager);
        this.secondMoments = new OptimizerBuffers("v", parameters, manager);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    @Override
    public float gradientScale(double learningRate) {
        return 1;
    }

    @Override
    public void step(double learningRate) {
        steps++;
        double correction1 = 1 - StrictMath.pow(beta1, steps);
        double k = Math.sqrt((1 - beta2) / (1 - StrictMath.pow(beta2, steps)));
        float stepSize = (float) (learningRate * (1 - beta1) / correction1 / k);
        float scaledEpsilon = (float) (epsilon / k);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i);
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            try (NDArray gradient = weight.getGradient()) {
                if (weightDecay != 0) {
                    try (NDArray decay = weight.mul((float) weightDecay)) {
                        gradient.addi(decay);
                    }
                }
                m.muli((float) beta1).addi(gradient);
                gradient.muli(gradient);
                v.muli((float) beta2).addi(gradient);
                try (NDArray denominator = v.sqrt()) {
                    denominator.addi(scaledEpsilon);
                    try (NDArray update = m.div(denominator)) {
                        weight.subi(update.muli(stepSize));
                    }
                }
                gradient.muli(0);
            }
        }
    }

    @Override
    public State state(NDManager manager) {
        NDList arrays = new NDList();
        firstMoments.copyTo(arrays, manager);
        secondMoments.copyTo(arrays, manager);
        return new State(arrays, Map.of("steps", (double) steps));
    }

    @Override
    public void restore(State state) {
        firstMoments.copyFrom(state.arrays());
        secondMoments.copyFrom(state.arrays());
        steps = Math.round(state.scalars().get("steps"));
    }
}
