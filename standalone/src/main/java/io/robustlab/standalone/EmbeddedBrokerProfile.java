package io.robustlab.standalone;

import java.util.List;

/**
 * What the services are told about the embedded broker: where it is, and the Spring profile
 * {@value #PROFILE}, declared in api-service's {@code application.yml}, under which the API declares only what Qpid
 * supports (no quorum queues, delivery limits or dead-letter exchanges). Without a broker-side delivery limit, a
 * job whose run keeps breaking down is failed by the worker itself (worker-common's {@code JobLoop}).
 */
final class EmbeddedBrokerProfile {

    static final String PROFILE = "embedded-broker";

    private EmbeddedBrokerProfile() {
    }

    /** Properties for every service (the API declares the topology; the workers only use it). */
    static List<String> properties(EmbeddedBroker broker) {
        return List.of(
                "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=" + broker.port(),
                "spring.rabbitmq.username=" + broker.user(),
                "spring.rabbitmq.password=" + broker.password(),
                "spring.profiles.active=" + PROFILE);
    }
}
