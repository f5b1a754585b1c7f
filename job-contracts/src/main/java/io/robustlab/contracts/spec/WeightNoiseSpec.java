package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import io.robustlab.contracts.spec.SpecChecks.Range;
import java.util.List;

/**
 * Robustness to noise on the parameters rather than the inputs, as on analogue hardware: each weight becomes
 * w + sigma·|w|·N(0, 1), drawn anew for each of draws copies of the model, and the test accuracy of each copy is
 * measured (Büchel, Faber and Muir 2021, "Network insensitivity to parameter noise via adversarial
 * regularization").
 *
 * <p>Defaults ({@link #withDefaults()}): draws 10. sigmas has no default. Rules: sigmas non-empty, each &gt; 0,
 * ascending without repeats; draws in [1, 1000].
 *
 * @param sigmas the relative noise levels
 * @param draws  noisy copies of the model per level
 */
public record WeightNoiseSpec(List<Double> sigmas, Integer draws) {

    /** A copy with the default number of draws where it is left out. */
    public WeightNoiseSpec withDefaults() {
        return new WeightNoiseSpec(sigmas, requireNonNullElse(draws, 10));
    }

    /** Checks weight noise whose defaults are filled in. */
    void check(SpecChecks checks) {
        if (checks.required("sigmas", sigmas) && checks.nonEmpty("sigmas", sigmas)) {
            checks.ascending("sigmas", sigmas);
            for (int i = 0; i < sigmas.size(); i++) {
                checks.in("sigmas[" + i + "]", sigmas.get(i), Range.above(0));
            }
        }
        checks.integerIn("draws", draws, 1, 1_000);
    }
}
