package io.robustlab.contracts.message;

/** A message that cannot be decoded, or has a schema version this code does not know: it can never be run. */
public class UnreadableMessageException extends RuntimeException {

    public UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadableMessageException(String message) {
        super(message);
    }
}
