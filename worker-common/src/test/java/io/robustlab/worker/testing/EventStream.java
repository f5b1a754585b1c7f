package io.robustlab.worker.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.Payload;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every worker event the broker routed to a test's queue, in arrival order, with its routing key. */
public final class EventStream {

    /** An event as it arrived. */
    public record Received(String routingKey, WorkerEvent event) {

        public Payload payload() {
            return event.payload();
        }
    }

    private final List<Received> received = new ArrayList<>();

    private EventStream() {
    }

    static EventStream consume(Channel channel, String queue) throws IOException {
        EventStream stream = new EventStream();
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                stream.add(new Received(envelope.getRoutingKey(), MessageCodec.decodeEvent(body)));
            }
        });
        return stream;
    }

    private synchronized void add(Received event) {
        received.add(event);
        notifyAll();
    }

    /** The events of one job so far. */
    public synchronized List<Received> of(String jobId) {
        return received.stream().filter(r -> r.event().jobId().equals(jobId)).toList();
    }

    /** The payloads of one job's events so far, without heartbeats and progress. */
    public List<Payload> results(String jobId) {
        return of(jobId).stream().map(Received::payload)
                .filter(p -> !(p instanceof WorkerEvent.Heartbeat) && !(p instanceof WorkerEvent.Progress))
                .toList();
    }

    /** Waits until an event of the job matches, and returns it. */
    public synchronized Received await(String jobId, Predicate<Payload> matching, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Received r : received) {
                if (r.event().jobId().equals(jobId) && matching.test(r.payload())) {
                    return r;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event of job " + jobId + " within " + timeout + "; got "
                        + of(jobId).stream().map(e -> e.payload().getClass().getSimpleName()).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for the job's final event (succeeded, failed or cancelled). */
    public Received awaitEnd(String jobId, Duration timeout) throws InterruptedException {
        return await(jobId, Payload::terminal, timeout);
    }
}
