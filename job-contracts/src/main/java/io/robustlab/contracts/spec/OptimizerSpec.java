package io.robustlab.contracts.spec;

/**
 * How parameters are updated.
 *
 * @param name         {@code sgd} or {@code adam}
 * @param learningRate the initial learning rate
 * @param momentum     sgd only: heavy-ball momentum (0 disables it)
 * @param weightDecay  L2 penalty added to the gradient (coupled weight decay, as torch.optim does)
 * @param beta1        adam only
 * @param beta2        adam only
 * @param epsilon      adam only
 * @param schedule     how the learning rate changes over epochs
 */
public record OptimizerSpec(
        String name,
        Double learningRate,
        Double momentum,
        Double weightDecay,
        Double beta1,
        Double beta2,
        Double epsilon,
        LearningRateSchedule schedule) {
}
