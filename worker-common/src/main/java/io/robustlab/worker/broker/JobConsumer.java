package io.robustlab.worker.broker;

import io.robustlab.contracts.message.Topology;
import io.robustlab.worker.job.Delivery;
import io.robustlab.worker.job.JobLoop;
import io.robustlab.worker.job.RunningJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes the job queue of each kind the {@link JobLoop} runs: manual acknowledgement, prefetch 1, the configured
 * number of consumers. The queues belong to the API; while one does not exist yet the consumer looks again every
 * recovery interval instead of failing.
 *
 * <p>Stopping (SIGTERM, context close) cancels the consumers, then asks every running job to stop within a batch
 * and return its message to the queue, and waits up to the shutdown timeout for the runs to settle their
 * messages.
 */
public final class JobConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobConsumer.class);
    private static final String DELIVERY_COUNT = "x-delivery-count";

    private final ConnectionFactory connectionFactory;
    private final Topology topology;
    private final JobLoop loop;
    private final RunningJobs running;
    private final int concurrency;
    private final Duration recoveryInterval;
    private final Duration shutdownTimeout;
    private final String workerId;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private final AtomicInteger consumerNumbers = new AtomicInteger();
    private volatile boolean started;

    public JobConsumer(ConnectionFactory connectionFactory, Topology topology, JobLoop loop, RunningJobs running,
            int concurrency, Duration recoveryInterval, Duration shutdownTimeout, String workerId) {
        this.connectionFactory = connectionFactory;
        this.topology = topology;
        this.loop = loop;
        this.running = running;
        this.concurrency = concurrency;
        this.recoveryInterval = recoveryInterval;
        this.shutdownTimeout = shutdownTimeout;
        this.workerId = workerId;
    }

    /** The queue jobs of a kind arrive on. */
    static String queueOf(Topology topology, String kind) {
        return switch (Topology.routingKey(kind)) {
            case Topology.TRAIN -> topology.trainQueue();
            case Topology.ATTACK -> topology.attackQueue();
            default -> throw new IllegalArgumentException("no queue for kind " + kind);
        };
    }

    @Override
    public synchronized void start() {
        for (String kind : loop.kinds()) {
            String queue = queueOf(topology, kind);
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(queue);
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(1);
            container.setConcurrentConsumers(concurrency);
            container.setMissingQueuesFatal(false);
            container.setAutoDeclare(false);
            container.setRecoveryInterval(recoveryInterval.toMillis());
            container.setFailedDeclarationRetryInterval(recoveryInterval.toMillis());
            container.setShutdownTimeout(shutdownTimeout.toMillis());
            container.setConsumerTagStrategy(q -> workerId + "." + Topology.routingKey(kind) + "."
                    + consumerNumbers.incrementAndGet());
            container.setMessageListener((ChannelAwareMessageListener) (message, channel) ->
                    loop.process(delivery(kind, message),
                            new ChannelSettlement(channel, message.getMessageProperties().getDeliveryTag())));
            container.afterPropertiesSet();
            container.start();
            containers.add(container);
            log.info("consuming {} jobs from {} with {} consumer(s)", kind, queue, concurrency);
        }
        started = true;
    }

    @Override
    public synchronized void stop() {
        // Consumers are cancelled first (stop with a callback cancels them at once and waits in the background),
        // so a message a stopping job returns to the queue is never delivered straight back to this worker.
        CountDownLatch stopped = new CountDownLatch(containers.size());
        for (SimpleMessageListenerContainer container : containers) {
            container.stop(stopped::countDown);
        }
        log.info("stopping: {} running job(s) asked to stop and go back to the queue", running.count());
        running.shutdown();
        try {
            if (!stopped.await(shutdownTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                log.warn("jobs still running after {}; the broker requeues their messages when the connection "
                        + "closes", shutdownTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        containers.forEach(SimpleMessageListenerContainer::destroy);
        containers.clear();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    private static Delivery delivery(String kind, Message message) {
        MessageProperties properties = message.getMessageProperties();
        Object count = properties.getHeaders().get(DELIVERY_COUNT);
        return new Delivery(kind, message.getBody(), Boolean.TRUE.equals(properties.isRedelivered()),
                count instanceof Number number ? number.longValue() : 0);
    }
}
