package io.robustlab.api.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.robustlab.contracts.message.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Depth (ready messages) and consumer count of each queue, as gauges tagged with the queue's role ({@code train},
 * {@code attack}, {@code dead-letter}, {@code events}, {@code events-dead-letter}): what worker autoscaling and
 * alerts look at. Measured by passive declares every {@link MessagingProperties#metricsInterval()}, so a scrape
 * never waits for the broker; NaN until measured, and while the broker or the queue is missing.
 */
@Component
class QueueMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

    private final AmqpAdmin admin;
    private final MessagingProperties properties;
    private final Map<String, String> queues = new LinkedHashMap<>();
    private final Map<String, double[]> measured = new ConcurrentHashMap<>();

    QueueMetrics(AmqpAdmin admin, Topology topology, MessagingProperties properties, MeterRegistry registry) {
        this.admin = admin;
        this.properties = properties;
        queues.put("train", topology.trainQueue());
        queues.put("attack", topology.attackQueue());
        queues.put("events", topology.eventsQueue());
        if (properties.deadLettering()) {
            queues.put("dead-letter", topology.deadLetterQueue());
            queues.put("events-dead-letter", topology.eventsDeadLetterQueue());
        }
        queues.keySet().forEach(role -> {
            measured.put(role, new double[] {Double.NaN, Double.NaN});
            Gauge.builder("robustlab.queue.depth", measured, m -> m.get(role)[0]).tag("queue", role)
                    .description("Messages ready in the queue").register(registry);
            Gauge.builder("robustlab.queue.consumers", measured, m -> m.get(role)[1]).tag("queue", role)
                    .description("Consumers of the queue").register(registry);
        });
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::measure, properties.metricsInterval());
    }

    void measure() {
        queues.forEach((role, name) -> {
            try {
                QueueInformation info = admin.getQueueInfo(name);
                measured.put(role, info == null ? new double[] {Double.NaN, Double.NaN}
                        : new double[] {info.getMessageCount(), info.getConsumerCount()});
            } catch (RuntimeException e) {
                log.debug("depth of queue {} not measured: {}", name, e.getMessage());
                measured.put(role, new double[] {Double.NaN, Double.NaN});
            }
        });
    }
}
