package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import io.robustlab.contracts.spec.SpecChecks.Range;
import java.util.List;

/**
 * How parameters are updated.
 *
 * <p>Defaults ({@link #withDefaults()}): name sgd; schedule constant; weightDecay 0. sgd: learningRate 0.01,
 * momentum 0.9. adam: learningRate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-8, the values Kingma and Ba
 * recommend (2015, "Adam: A Method for Stochastic Optimization").
 *
 * <p>Rules: learningRate in (0, 10]; weightDecay ≥ 0; momentum in [0, 1); beta1 and beta2 in [0, 1);
 * epsilon &gt; 0. The fields of one optimizer given with the other are violations.
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

    static final List<String> NAMES = List.of("sgd", "adam");
    private static final Range BETA = Range.closedOpen(0, 1);

    /** Plain SGD with every setting left to its default. */
    static final OptimizerSpec SGD = new OptimizerSpec("sgd", null, null, null, null, null, null, null);

    /** A copy with the default name and the defaults of that optimizer filled in. */
    public OptimizerSpec withDefaults() {
        String filledName = requireNonNullElse(name, "sgd");
        LearningRateSchedule filledSchedule =
                requireNonNullElse(schedule, LearningRateSchedule.CONSTANT).withDefaults();
        return switch (filledName) {
            case "sgd" -> new OptimizerSpec(filledName, requireNonNullElse(learningRate, 0.01),
                    requireNonNullElse(momentum, 0.9), requireNonNullElse(weightDecay, 0.0),
                    beta1, beta2, epsilon, filledSchedule);
            case "adam" -> new OptimizerSpec(filledName, requireNonNullElse(learningRate, 0.001), momentum,
                    requireNonNullElse(weightDecay, 0.0), requireNonNullElse(beta1, 0.9),
                    requireNonNullElse(beta2, 0.999), requireNonNullElse(epsilon, 1e-8), filledSchedule);
            default -> new OptimizerSpec(filledName, learningRate, momentum, weightDecay, beta1, beta2, epsilon,
                    filledSchedule);
        };
    }

    /** Checks an optimizer whose defaults are filled in. */
    void check(SpecChecks checks) {
        checks.in("learningRate", learningRate, Range.openClosed(0, 10));
        checks.in("weightDecay", weightDecay, Range.atLeast(0));
        if (checks.oneOf("name", name, NAMES)) {
            if (name.equals("sgd")) {
                checks.in("momentum", momentum, Range.closedOpen(0, 1));
            } else {
                checks.onlyFor("momentum", momentum, "optimizer sgd");
            }
            if (name.equals("adam")) {
                checks.in("beta1", beta1, BETA);
                checks.in("beta2", beta2, BETA);
                checks.in("epsilon", epsilon, Range.above(0));
            } else {
                checks.onlyFor("beta1", beta1, "optimizer adam");
                checks.onlyFor("beta2", beta2, "optimizer adam");
                checks.onlyFor("epsilon", epsilon, "optimizer adam");
            }
        }
        schedule.check(checks.nested("schedule"), learningRate);
    }
}
