package io.robustlab.artifacts;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the attempts of a job stored in one folder of their attempt folders ({@code jobs/{jobId}/attempt-{n}/{folder}}),
 * the newest attempt's copy of each file: how a run finds the progress earlier runs of the job left, whichever
 * attempt wrote it.
 */
public final class AttemptFiles {

    private static final Pattern ATTEMPT = Pattern.compile("attempt-(\\d+)/(.+)");

    /**
     * @param name    the file's key below the folder, e.g. {@code epoch-0003/checkpoint.json}
     * @param attempt the attempt whose copy this is
     * @param key     its full key
     */
    public record Stored(String name, int attempt, String key) {

        /** The folder of this attempt the file is in: its key without {@code name}. */
        public String attemptFolder() {
            return key.substring(0, key.length() - name.length());
        }
    }

    private AttemptFiles() {
    }

    /**
     * The files below {@code folder} in every attempt of the job, by name, each from the newest attempt that has it.
     *
     * @param folder ending in {@code /}, e.g. {@code checkpoints/}
     */
    public static Map<String, Stored> newest(ArtifactStore store, String jobId, String folder) throws IOException {
        if (!folder.endsWith("/")) {
            throw new IllegalArgumentException("a folder ends in /: " + folder);
        }
        String jobPrefix = ArtifactKeys.job(jobId);
        Map<String, Stored> newest = new TreeMap<>();
        for (String key : store.list(jobPrefix)) {
            Matcher attempt = ATTEMPT.matcher(key.substring(jobPrefix.length()));
            if (!attempt.matches() || !attempt.group(2).startsWith(folder)) {
                continue;
            }
            Stored file = new Stored(attempt.group(2).substring(folder.length()), Integer.parseInt(attempt.group(1)),
                    key);
            newest.merge(file.name(), file, (kept, other) -> other.attempt() > kept.attempt() ? other : kept);
        }
        return newest;
    }
}
