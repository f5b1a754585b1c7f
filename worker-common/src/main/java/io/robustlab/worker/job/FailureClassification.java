package io.robustlab.worker.job;

import io.robustlab.artifacts.ArtifactNotFoundException;
import java.io.IOException;
import java.util.Locale;

/**
 * Sorts what a runner threw into a failure that may pass (the broker or the store unreachable: retried) and one
 * that will not (anything the runner did not recognise fails the job at once rather than loop).
 */
final class FailureClassification {

    private FailureClassification() {
    }

    static JobFailure classify(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof JobFailure failure) {
                return failure;
            }
            if (t instanceof OutOfMemoryError || mentionsOutOfMemory(t.getMessage())) {
                return new JobFailure("the job ran out of memory (" + describe(t) + "); use a smaller batch size "
                        + "or model, or run it on a worker with more memory", false, thrown);
            }
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ArtifactNotFoundException) {
                return new JobFailure("a file the job needs is not in the artifact store: " + t.getMessage(), false,
                        thrown);
            }
            if (t instanceof IOException || t instanceof EventPublishException) {
                return new JobFailure("the artifact store or the broker failed: " + describe(t), true, thrown);
            }
        }
        return new JobFailure("the job failed: " + describe(thrown), false, thrown);
    }

    private static boolean mentionsOutOfMemory(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("out of memory") || lower.contains("not enough memory");
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank()
                ? t.getClass().getSimpleName()
                : t.getMessage();
    }
}
