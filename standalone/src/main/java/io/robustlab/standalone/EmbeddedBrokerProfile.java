package io.robustlab.standalone;

import java.util.List;

/**
 * What the services are told about the embedded broker: which RabbitMQ features to leave out because Qpid does not
 * have them. Without a broker-side delivery limit, a job that keeps failing its run is stopped by the API's
 * attempt limit ({@code robustlab.jobs.max-attempts}) rather than by the broker.
 */
final class EmbeddedBrokerProfile {

    private EmbeddedBrokerProfile() {
    }

    /** Properties for every service (the API declares the topology; the workers only use it). */
    static List<String> properties(EmbeddedBroker broker) {
        return List.of(
                "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=" + broker.port(),
                "spring.rabbitmq.username=" + broker.user(),
                "spring.rabbitmq.password=" + broker.password(),
                // Quorum queues and their delivery limit, and dead-letter exchanges, are RabbitMQ's.
                "robustlab.messaging.quorum-queues=false",
                "robustlab.messaging.dead-lettering=false");
    }
}
