package io.robustlab.core.data;

/**
 * A dataset's files are in none of the folders searched, and were not (or could not be) downloaded.
 * The message lists the files needed, every folder searched, and where to put the files.
 */
public class DatasetNotFoundException extends RuntimeException {

    private final String dataset;

    DatasetNotFoundException(String dataset, String message) {
        super(message);
        this.dataset = dataset;
    }

    /** The dataset folder name, e.g. {@code fashion-mnist}. */
    public String dataset() {
        return dataset;
    }
}
