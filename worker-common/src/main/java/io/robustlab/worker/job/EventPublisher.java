package io.robustlab.worker.job;

import io.robustlab.contracts.message.WorkerEvent;

/** Where a worker's events go: the broker's events exchange in production, a list in tests. */
public interface EventPublisher {

    /**
     * Publishes an event and returns once the broker has confirmed it, trying again with backoff when it is
     * refused, unroutable or unconfirmed in time.
     *
     * @param kind  the job's kind ({@code Train}, {@code Evaluate}), which names the routing key
     * @throws EventPublishException when no try was confirmed
     */
    void publish(String kind, WorkerEvent event);
}
