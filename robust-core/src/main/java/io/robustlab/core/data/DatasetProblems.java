package io.robustlab.core.data;

/** What a worker tells a user when the data a job names cannot be loaded: one wording for every job kind. */
public final class DatasetProblems {

    private DatasetProblems() {
    }

    /**
     * The reason to report for {@code problem}, thrown while loading dataset {@code dataset} on host
     * {@code worker}: the files are missing ({@link DatasetNotFoundException}), damaged
     * ({@link CorruptDataException}), or the spec asks for what the data cannot give (an
     * {@link IllegalArgumentException}, e.g. more examples than the split has).
     */
    public static String describe(String dataset, String worker, RuntimeException problem) {
        return switch (problem) {
            case DatasetNotFoundException missing ->
                    "dataset " + dataset + " is not installed on worker " + worker + ": " + missing.getMessage();
            case CorruptDataException damaged ->
                    "the " + dataset + " files on worker " + worker + " are damaged: " + damaged.getMessage();
            default -> "dataset " + dataset + ": " + problem.getMessage();
        };
    }
}
