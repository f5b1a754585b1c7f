package io.robustlab.api.outbox;

/**
 * What became of one publish.
 *
 * @param message the message
 * @param error   null when the broker confirmed it and routed it; else why it must be published again
 */
record Publication(PendingMessage message, String error) {

    boolean confirmed() {
        return error == null;
    }
}
