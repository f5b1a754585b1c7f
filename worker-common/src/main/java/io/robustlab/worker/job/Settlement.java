package io.robustlab.worker.job;

/** How the job loop settles a delivered message with the broker; it calls exactly one of these, once. */
public interface Settlement {

    /** Done: the final event was confirmed. */
    void ack();

    /** Not done here: the broker delivers it again (to this worker or another). */
    void requeue();

    /** Never runnable: the broker dead-letters it. */
    void reject();

    /**
     * Whether the delivery is still this worker's to settle; false once its channel closed (a lost connection, the
     * broker's consumer timeout), when the broker has already returned the message to the queue.
     */
    default boolean held() {
        return true;
    }
}
