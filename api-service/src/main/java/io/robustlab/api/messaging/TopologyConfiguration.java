package io.robustlab.api.messaging;

import io.robustlab.contracts.message.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The names of the broker's exchanges and queues, from {@link MessagingProperties#namespace()}. */
@Configuration(proxyBeanMethods = false)
class TopologyConfiguration {

    @Bean
    Topology topology(MessagingProperties properties) {
        return new Topology(properties.namespace());
    }
}
