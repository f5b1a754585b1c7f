package io.robustlab.artifacts;

import java.util.regex.Pattern;

/** The keys the stores accept, and the conventional key of a job's files. */
public final class ArtifactKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=-]+");

    private ArtifactKeys() {
    }

    /**
     * Checks a key: relative, segments of letters, digits, {@code . _ = -}, none of them {@code .} or {@code ..},
     * at most 1024 characters — so a key can never leave a store's root, on a filesystem or in a bucket.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            throw new IllegalArgumentException("an artifact key has 1 to 1024 characters: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not an artifact key (relative path of [A-Za-z0-9._=-] "
                        + "segments): " + key);
            }
        }
        return key;
    }

    /** Checks a prefix: empty, or a key, optionally ending with {@code /}. */
    public static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    /** Where a job keeps its files, all attempts: {@code jobs/{jobId}/}. */
    public static String job(String jobId) {
        return check("jobs/" + jobId) + "/";
    }

    /** Where an attempt of a job keeps its files: {@code jobs/{jobId}/attempt-{n}/}. */
    public static String jobAttempt(String jobId, int attempt) {
        return job(jobId) + check("attempt-" + attempt) + "/";
    }
}
