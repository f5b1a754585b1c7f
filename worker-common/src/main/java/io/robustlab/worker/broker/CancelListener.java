package io.robustlab.worker.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.robustlab.contracts.message.CancelRequest;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import io.robustlab.contracts.message.UnreadableMessageException;
import io.robustlab.worker.job.RunningJobs;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hears cancel requests on this worker's own queue (exclusive, auto-delete) bound to the control fanout exchange,
 * and passes them to the running jobs. The exchange belongs to the API: until it exists, and after a lost
 * connection, the listener declares and binds its queue again every recovery interval.
 */
public final class CancelListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CancelListener.class);

    private final ConnectionFactory connectionFactory;
    private final Topology topology;
    private final RunningJobs running;
    private final Duration recoveryInterval;
    private final String queue;
    private volatile boolean active;
    private volatile Channel channel;
    private volatile String consumerTag;
    private Thread thread;

    public CancelListener(ConnectionFactory connectionFactory, Topology topology, RunningJobs running,
            Duration recoveryInterval, String workerId) {
        this.connectionFactory = connectionFactory;
        this.topology = topology;
        this.running = running;
        this.recoveryInterval = recoveryInterval;
        this.queue = topology.controlExchange() + "." + workerId.replaceAll("[^A-Za-z0-9._-]", "-") + "."
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This worker's control queue. */
    public String queue() {
        return queue;
    }

    @Override
    public synchronized void start() {
        active = true;
        thread = Thread.ofPlatform().name("cancel-listener").daemon(true).start(this::listen);
    }

    private void listen() {
        while (active) {
            CountDownLatch closed = new CountDownLatch(1);
            try {
                Channel opened = connectionFactory.createConnection().createChannel(false);
                opened.addShutdownListener(cause -> closed.countDown());
                opened.queueDeclare(queue, false, true, true, null);
                opened.queueBind(queue, topology.controlExchange(), "");
                consumerTag = opened.basicConsume(queue, true, new DefaultConsumer(opened) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                            byte[] body) {
                        onCancel(body);
                    }
                });
                channel = opened;
                log.info("listening for cancel requests on {}", queue);
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (active) {
                    log.warn("cannot listen for cancel requests on {} yet ({}); trying again in {}",
                            topology.controlExchange(), rootMessage(e), recoveryInterval);
                }
            }
            if (!active || pause()) {
                return;
            }
        }
    }

    void onCancel(byte[] body) {
        try {
            CancelRequest cancel = MessageCodec.decodeCancel(body);
            boolean found = running.cancel(cancel.jobId(), cancel.attempt(), cancel.reason());
            log.info("cancel request for job {} attempt {} ({}): {}", cancel.jobId(), cancel.attempt(),
                    cancel.reason(), found ? "stopping it" : "not running here");
        } catch (UnreadableMessageException e) {
            log.warn("unreadable cancel request ignored: {}", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** @return whether the pause was interrupted */
    private boolean pause() {
        try {
            Thread.sleep(recoveryInterval);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    @Override
    public synchronized void stop() {
        active = false;
        Channel open = channel;
        if (open != null && open.isOpen()) {
            try {
                open.basicCancel(consumerTag);
                open.close();
            } catch (Exception e) {
                log.debug("closing the control channel: {}", e.getMessage());
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    /** Starts before the job consumer and stops after it, so no cancel is missed while jobs run. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
