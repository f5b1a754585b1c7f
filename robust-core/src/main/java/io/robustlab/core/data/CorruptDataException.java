package io.robustlab.core.data;

/**
 * A data file is there but unusable: truncated, damaged, of the wrong format, inconsistent with its
 * partner file, or (for a download) not the file whose SHA-256 we expect. Never a silent wrong shape.
 */
public class CorruptDataException extends RuntimeException {

    private final String source;

    CorruptDataException(Object source, String problem) {
        this(source, problem, null);
    }

    CorruptDataException(Object source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = String.valueOf(source);
    }

    /** The file path or URL that is corrupt. */
    public String source() {
        return source;
    }
}
