package io.robustlab.worker.job;

import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A fake broker for the job loop: records published events and settlements in one ordered log, and refuses the
 * publishes a test tells it to.
 */
final class Recorder implements EventPublisher, Settlement {

    private final List<String> log = new ArrayList<>();
    private final List<WorkerEvent> events = new ArrayList<>();
    private volatile Predicate<Payload> refuse = payload -> false;
    private volatile boolean held = true;

    /** Publishes of payloads matching this throw as an unconfirmed publish would. */
    void refuse(Predicate<Payload> which) {
        refuse = which;
    }

    @Override
    public synchronized void publish(String kind, WorkerEvent event) {
        if (refuse.test(event.payload())) {
            log.add("refused " + type(event.payload()));
            throw new EventPublishException("not confirmed (test)");
        }
        events.add(event);
        log.add("published " + type(event.payload()));
    }

    /** The delivery's channel closes: the broker has taken the message back. */
    void loseDelivery() {
        held = false;
    }

    @Override
    public boolean held() {
        return held;
    }

    @Override
    public synchronized void ack() {
        log.add("ack");
    }

    @Override
    public synchronized void requeue() {
        log.add("requeue");
    }

    @Override
    public synchronized void reject() {
        log.add("reject");
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    synchronized List<WorkerEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<String> types() {
        return events.stream().map(event -> type(event.payload())).toList();
    }

    synchronized long count(Class<? extends Payload> type) {
        return events.stream().filter(event -> type.isInstance(event.payload())).count();
    }

    static String type(Payload payload) {
        return switch (payload) {
            case WorkerEvent.Started p -> "started";
            case WorkerEvent.Heartbeat p -> "heartbeat";
            case WorkerEvent.Progress p -> "progress";
            case WorkerEvent.EpochMetric p -> "epoch-metric";
            case WorkerEvent.CurvePoint p -> "curve-point";
            case WorkerEvent.CorruptionPoint p -> "corruption-point";
            case WorkerEvent.WeightNoisePoint p -> "weight-noise-point";
            case WorkerEvent.Succeeded p -> "succeeded";
            case WorkerEvent.Failed p -> "failed";
            case WorkerEvent.Cancelled p -> "cancelled";
        };
    }
}
