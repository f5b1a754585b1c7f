package io.robustlab.contracts.spec;

import java.util.Map;

/**
 * What a person calls a job and how they group it. Metadata does not change the work done,
 * so it is left out of the canonical form that is hashed.
 */
public record SpecMetadata(String name, Map<String, String> labels) {
}
