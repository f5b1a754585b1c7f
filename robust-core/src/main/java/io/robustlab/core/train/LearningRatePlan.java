package io.robustlab.core.train;

import io.robustlab.contracts.spec.LearningRateSchedule;
import io.robustlab.contracts.spec.OptimizerSpec;

import java.util.Objects;

/**
 * The learning rate of each epoch (1-based), from an optimizer spec whose defaults are filled in:
 * <ul>
 *   <li>{@code constant}: lr;</li>
 *   <li>{@code step}: lr·γ^⌊(e−1)/stepEpochs⌋;</li>
 *   <li>{@code cosine}: min + (lr − min)·(1 + cos(π·(e−1)/(E−1)))/2, so epoch 1 has lr and the last epoch E has
 *       min (Loshchilov and Hutter 2017, "SGDR: Stochastic Gradient Descent with Warm Restarts", without
 *       restarts, one value per epoch).</li>
 * </ul>
 */
public record LearningRatePlan(String schedule, double initial, int stepEpochs, double gamma, double minimum,
        int epochs) {

    public static LearningRatePlan of(OptimizerSpec optimizer, int epochs) {
        double lr = Objects.requireNonNull(optimizer.learningRate(), "optimizer.learningRate");
        LearningRateSchedule schedule = optimizer.schedule();
        String name = schedule == null || schedule.name() == null ? "constant" : schedule.name();
        return switch (name) {
            case "constant" -> new LearningRatePlan(name, lr, 0, 1, lr, epochs);
            case "step" -> new LearningRatePlan(name, lr,
                    Objects.requireNonNull(schedule.stepEpochs(), "optimizer.schedule.stepEpochs"),
                    Objects.requireNonNull(schedule.gamma(), "optimizer.schedule.gamma"), 0, epochs);
            case "cosine" -> new LearningRatePlan(name, lr, 0, 1,
                    Objects.requireNonNull(schedule.minLearningRate(), "optimizer.schedule.minLearningRate"), epochs);
            default -> throw new IllegalArgumentException("unknown learning-rate schedule '" + name + "'");
        };
    }

    /** The rate used throughout epoch {@code epoch}, counted from 1. */
    public double at(int epoch) {
        return switch (schedule) {
            case "step" -> initial * StrictMath.pow(gamma, (epoch - 1) / stepEpochs);
            case "cosine" -> epochs <= 1 ? initial
                    : minimum + (initial - minimum) * (1 + StrictMath.cos(Math.PI * (epoch - 1) / (epochs - 1))) / 2;
            default -> initial;
        };
    }
}
