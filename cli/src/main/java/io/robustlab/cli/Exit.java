package io.robustlab.cli;

/**
 * The exit codes of every command, documented in the README's CLI section: a CI step can tell a model that fell
 * short (1) from a broken pipeline (2, 3) and from a job that did not finish well (4, 5).
 */
public enum Exit {
    /** The command did what was asked; for {@code gate}, every check passed. */
    OK(0),
    /** {@code gate}: the model fell short of at least one threshold. */
    GATE_FAILED(1),
    /** Bad usage: an unknown option, a spec that is not valid, an epsilon not on the job's grid, a job of the wrong kind. */
    USAGE(2),
    /** The API refused the request (a problem response) or could not be reached. */
    API_ERROR(3),
    /** The job ended FAILED or CANCELLED. */
    JOB_FAILED(4),
    /** The job had not finished when the timeout passed. */
    TIMEOUT(5);

    private final int code;

    Exit(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
