package io.robustlab.contracts.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The trained model an Evaluate spec measures: exactly one of a finished Train job, a model folder, or a stored
 * artifact. No defaults. Rules: exactly one field given, and it is not blank.
 *
 * @param trainJob the id of a Train job; its model is the one evaluated
 * @param path     a model folder on the worker's filesystem, as {@code robustlab train} writes it
 *                 ({@code runs/mlp/model}); relative to the worker's working directory
 * @param artifact the key of a model in the artifact store
 */
public record ModelReference(String trainJob, String path, String artifact) {

    /** The model the Train job with this id produced. */
    public static ModelReference trainJob(String id) {
        return new ModelReference(id, null, null);
    }

    /** The model in this folder of the worker's filesystem. */
    public static ModelReference path(String folder) {
        return new ModelReference(null, folder, null);
    }

    /** Checks a reference (it has no defaults). */
    void check(SpecChecks checks) {
        List<String> given = new ArrayList<>();
        notBlank(checks, "trainJob", trainJob, given);
        notBlank(checks, "path", path, given);
        notBlank(checks, "artifact", artifact, given);
        if (given.size() != 1) {
            checks.add("", "must have exactly one of trainJob, path, artifact"
                    + (given.isEmpty() ? "" : " (got " + String.join(", ", given) + ")"));
        }
    }

    private static void notBlank(SpecChecks checks, String field, String value, List<String> given) {
        if (value == null) {
            return;
        }
        given.add(field);
        if (value.isBlank()) {
            checks.add(field, "must not be blank");
        }
    }
}
