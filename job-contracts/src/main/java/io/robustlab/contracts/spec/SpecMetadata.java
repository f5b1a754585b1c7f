package io.robustlab.contracts.spec;

import java.util.Map;

/**
 * What a person calls a job and how they group it. Metadata does not change the work done,
 * so it is left out of the canonical form that is hashed.
 *
 * <p>Defaults ({@link #withDefaults()}): no name (null), no labels (an empty map).
 *
 * @param name   free text for people, e.g. {@code "mlp baseline"}
 * @param labels free key/value pairs for filters, e.g. {@code {"team": "robustness"}}
 */
public record SpecMetadata(String name, Map<String, String> labels) {

    static final SpecMetadata NONE = new SpecMetadata(null, Map.of());

    /** A copy whose labels are an empty map rather than null. */
    public SpecMetadata withDefaults() {
        return labels != null ? this : new SpecMetadata(name, Map.of());
    }

    /** Checks metadata whose defaults are filled in. */
    void check(SpecChecks checks) {
        labels.forEach((key, value) -> checks.required("labels." + key, value));
    }
}
