package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import io.robustlab.contracts.spec.SpecChecks.Range;
import java.util.List;

/**
 * The learning rate as a function of the epoch.
 *
 * <p>Defaults ({@link #withDefaults()}): name constant; step: stepEpochs 10, gamma 0.1; cosine:
 * minLearningRate 0 (cosine annealing without restarts, Loshchilov and Hutter 2017, "SGDR: Stochastic
 * Gradient Descent with Warm Restarts"). Rules: stepEpochs ≥ 1; gamma in (0, 1]; minLearningRate ≥ 0 and
 * at most the optimizer's learningRate.
 *
 * @param name             {@code constant}, {@code step} (multiply by gamma every stepEpochs) or
 *                         {@code cosine} (from the initial rate down to minLearningRate over all epochs)
 * @param stepEpochs       step only
 * @param gamma            step only: the factor applied every stepEpochs
 * @param minLearningRate  cosine only: the rate reached at the last epoch
 */
public record LearningRateSchedule(String name, Integer stepEpochs, Double gamma, Double minLearningRate) {

    static final List<String> NAMES = List.of("constant", "step", "cosine");

    static final LearningRateSchedule CONSTANT = new LearningRateSchedule("constant", null, null, null);

    /** A copy with the default name and the defaults of that schedule filled in. */
    public LearningRateSchedule withDefaults() {
        String filledName = requireNonNullElse(name, "constant");
        return switch (filledName) {
            case "step" -> new LearningRateSchedule(filledName, requireNonNullElse(stepEpochs, 10),
                    requireNonNullElse(gamma, 0.1), minLearningRate);
            case "cosine" -> new LearningRateSchedule(filledName, stepEpochs, gamma,
                    requireNonNullElse(minLearningRate, 0.0));
            default -> new LearningRateSchedule(filledName, stepEpochs, gamma, minLearningRate);
        };
    }

    /** Checks a schedule whose defaults are filled in, for an optimizer that starts at learningRate. */
    void check(SpecChecks checks, Double learningRate) {
        if (!checks.oneOf("name", name, NAMES)) {
            return;
        }
        if (name.equals("step")) {
            checks.integerIn("stepEpochs", stepEpochs, 1, Integer.MAX_VALUE);
            checks.in("gamma", gamma, Range.openClosed(0, 1));
        } else {
            checks.onlyFor("stepEpochs", stepEpochs, "schedule step");
            checks.onlyFor("gamma", gamma, "schedule step");
        }
        if (name.equals("cosine")) {
            if (checks.in("minLearningRate", minLearningRate, Range.atLeast(0))
                    && learningRate != null && minLearningRate > learningRate) {
                checks.add("minLearningRate",
                        "must be <= learningRate (" + CanonicalNumber.format(learningRate) + ")");
            }
        } else {
            checks.onlyFor("minLearningRate", minLearningRate, "schedule cosine");
        }
    }
}
