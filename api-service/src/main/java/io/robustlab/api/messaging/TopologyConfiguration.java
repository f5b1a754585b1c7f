package io.robustlab.api.messaging;

import io.robustlab.contracts.message.Topology;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker topology the API declares (RabbitAdmin declares it whenever a connection opens, so a broker that
 * lost it gets it back): the job exchange and queues with their dead-lettering, the events the API reads, and
 * the control exchange workers bind their own queues to. Names come from {@link Topology}.
 */
@Configuration(proxyBeanMethods = false)
class TopologyConfiguration {

    @Bean
    Topology topology(MessagingProperties properties) {
        return new Topology(properties.namespace());
    }

    @Bean
    Declarables brokerTopology(Topology topology, MessagingProperties properties) {
        DirectExchange jobs = ExchangeBuilder.directExchange(topology.jobsExchange()).durable(true).build();
        Queue train = jobQueue(topology.trainQueue(), topology, properties);
        Queue attack = jobQueue(topology.attackQueue(), topology, properties);
        // Dead letters keep their routing key (train, attack); events are given the events queue's name as theirs.
        DirectExchange deadLetters = ExchangeBuilder.directExchange(topology.deadLetterExchange()).durable(true)
                .build();
        Queue deadJobs = QueueBuilder.durable(topology.deadLetterQueue()).build();
        TopicExchange events = ExchangeBuilder.topicExchange(topology.eventsExchange()).durable(true).build();
        QueueBuilder eventsQueue = QueueBuilder.durable(topology.eventsQueue());
        if (properties.deadLettering()) {
            eventsQueue.deadLetterExchange(topology.deadLetterExchange())
                    .deadLetterRoutingKey(topology.eventsQueue());
        }
        Queue eventsForApi = eventsQueue.build();
        Queue deadEvents = QueueBuilder.durable(topology.eventsDeadLetterQueue()).build();
        FanoutExchange control = ExchangeBuilder.fanoutExchange(topology.controlExchange()).durable(true).build();

        List<Declarable> declarables = new ArrayList<>(List.of(jobs, train, attack,
                BindingBuilder.bind(train).to(jobs).with(Topology.TRAIN),
                BindingBuilder.bind(attack).to(jobs).with(Topology.ATTACK),
                events, eventsForApi, BindingBuilder.bind(eventsForApi).to(events).with("#"),
                control));
        if (properties.deadLettering()) {
            declarables.addAll(List.of(deadLetters, deadJobs, deadEvents,
                    bind(deadJobs, deadLetters, Topology.TRAIN),
                    bind(deadJobs, deadLetters, Topology.ATTACK),
                    // A message put straight into a job queue (default exchange, e.g. moved there by an operator)
                    // keeps the queue's name as its routing key when it dies.
                    bind(deadJobs, deadLetters, topology.trainQueue()),
                    bind(deadJobs, deadLetters, topology.attackQueue()),
                    bind(deadEvents, deadLetters, topology.eventsQueue())));
        }
        return new Declarables(declarables);
    }

    private static Queue jobQueue(String name, Topology topology, MessagingProperties properties) {
        QueueBuilder queue = QueueBuilder.durable(name);
        if (properties.quorumQueues()) {
            queue.quorum().deliveryLimit(properties.deliveryLimit());
        }
        if (properties.deadLettering()) {
            queue.deadLetterExchange(topology.deadLetterExchange());
        }
        return queue.build();
    }

    private static Binding bind(Queue queue, DirectExchange exchange, String routingKey) {
        return BindingBuilder.bind(queue).to(exchange).with(routingKey);
    }
}
