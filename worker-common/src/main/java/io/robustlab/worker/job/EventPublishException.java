package io.robustlab.worker.job;

/** An event could not be published: the broker did not confirm it within the retries allowed. */
public class EventPublishException extends RuntimeException {

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventPublishException(String message) {
        super(message);
    }
}
