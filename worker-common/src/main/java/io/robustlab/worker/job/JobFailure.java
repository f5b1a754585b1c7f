package io.robustlab.worker.job;

/**
 * A job failed in a way the runner understood: its message is the reason shown to the user, worded so they can act
 * on it ("the training loss diverged to NaN at epoch 3; lower the learning rate").
 */
public class JobFailure extends RuntimeException {

    private final boolean retryable;

    /**
     * @param reason    what went wrong, for the user
     * @param retryable whether running the job again may succeed (storage down) or not (bad spec, NaN)
     */
    public JobFailure(String reason, boolean retryable) {
        super(reason);
        this.retryable = retryable;
    }

    public JobFailure(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
    }

    public String reason() {
        return getMessage();
    }

    public boolean retryable() {
        return retryable;
    }
}
