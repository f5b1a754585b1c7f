package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import java.util.List;

/**
 * Common image corruptions, each at each severity: the accuracy on corrupted test images (Hendrycks and
 * Dietterich 2019, "Benchmarking Neural Network Robustness to Common Corruptions and Perturbations"). Image
 * datasets only.
 *
 * <p>Defaults ({@link #withDefaults()}): names all thirteen ({@link #NAMES}, in that order), severities
 * [1, 2, 3, 4, 5]; so leaving names out and listing all thirteen in that order are the same spec with the same
 * hash. Rules: names non-empty, each one of {@link #NAMES}, none twice; severities non-empty, each in [1, 5],
 * ascending without repeats.
 *
 * @param names      which corruptions, in the order they are reported
 * @param severities which severities of each, 1 (mild) to 5 (strong)
 */
public record CorruptionSpec(List<String> names, List<Integer> severities) {

    /**
     * The corruptions: Hendrycks and Dietterich's fifteen without glass blur and the weather ones (snow, frost,
     * fog), with two of their extra ones (speckle noise, gaussian blur); {@code jpeg} is their JPEG compression.
     */
    public static final List<String> NAMES = List.of(
            "gaussian-noise", "shot-noise", "impulse-noise", "speckle-noise",
            "gaussian-blur", "defocus-blur", "motion-blur", "zoom-blur",
            "pixelate", "jpeg", "contrast", "brightness", "elastic-transform");
    private static final List<Integer> SEVERITIES = List.of(1, 2, 3, 4, 5);

    /** A copy with all corruptions and all severities where they are left out. */
    public CorruptionSpec withDefaults() {
        return new CorruptionSpec(requireNonNullElse(names, NAMES), requireNonNullElse(severities, SEVERITIES));
    }

    /** Checks corruptions whose defaults are filled in. */
    void check(SpecChecks checks) {
        if (checks.nonEmpty("names", names)) {
            for (int i = 0; i < names.size(); i++) {
                String element = "names[" + i + "]";
                if (checks.required(element, names.get(i)) && checks.oneOf(element, names.get(i), NAMES)) {
                    int first = names.indexOf(names.get(i));
                    if (first < i) {
                        checks.add(element, "repeats names[" + first + "] (" + names.get(i) + ")");
                    }
                }
            }
        }
        if (checks.nonEmpty("severities", severities)) {
            checks.ascending("severities", severities);
            for (int i = 0; i < severities.size(); i++) {
                checks.integerIn("severities[" + i + "]", severities.get(i), 1, 5);
            }
        }
    }
}
