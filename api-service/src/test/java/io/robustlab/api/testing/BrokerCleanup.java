package io.robustlab.api.testing;

import io.robustlab.contracts.message.Topology;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.DisposableBean;

/**
 * Deletes this JVM's exchanges and queues (its {@link TestBroker#namespace()}) when the last test application
 * context closes: after its listeners stopped, so nothing declares them again, and before its connection closes.
 */
public final class BrokerCleanup implements DisposableBean {

    private static final AtomicInteger OPEN_CONTEXTS = new AtomicInteger();

    private final AmqpAdmin admin;
    private final Topology topology;

    BrokerCleanup(AmqpAdmin admin, Topology topology) {
        this.admin = admin;
        this.topology = topology;
        OPEN_CONTEXTS.incrementAndGet();
    }

    @Override
    public void destroy() {
        if (OPEN_CONTEXTS.decrementAndGet() > 0) {
            return;
        }
        try {
            List.of(topology.trainQueue(), topology.attackQueue(), topology.deadLetterQueue(),
                    topology.eventsQueue(), topology.eventsDeadLetterQueue()).forEach(admin::deleteQueue);
            List.of(topology.jobsExchange(), topology.deadLetterExchange(), topology.eventsExchange(),
                    topology.controlExchange()).forEach(admin::deleteExchange);
        } catch (RuntimeException e) {
            // The broker is gone: there is nothing left to delete on it that this run could reach.
        }
    }
}
