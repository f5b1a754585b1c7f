package io.robustlab.contracts.message;

/**
 * The broker's exchanges, queues and routing keys, all named under one namespace ({@code robustlab} in
 * production) so that tests and several installations can share one broker without seeing each other.
 *
 * <ul>
 * <li>{@link #jobsExchange()} (direct) routes {@link #TRAIN} to {@link #trainQueue()} and {@link #ATTACK} to
 *     {@link #attackQueue()}; both are durable, dead-letter to {@link #deadLetterExchange()} and have a delivery
 *     limit;
 * <li>{@link #eventsExchange()} (topic) carries {@link WorkerEvent}s to {@link #eventsQueue()}, read by the API,
 *     which dead-letters an event it cannot read to {@link #eventsDeadLetterQueue()};
 * <li>{@link #controlExchange()} (fanout) carries {@link CancelRequest}s to every worker's own queue.
 * </ul>
 *
 * @param namespace the prefix of every name, e.g. {@code robustlab}
 */
public record Topology(String namespace) {

    public static final String TRAIN = "train";
    public static final String ATTACK = "attack";

    public Topology {
        if (namespace == null || !namespace.matches("[a-z][a-z0-9_.-]{0,62}")) {
            throw new IllegalArgumentException("namespace must be lowercase letters, digits, '.', '_' or '-': "
                    + namespace);
        }
    }

    public String jobsExchange() {
        return namespace + ".jobs";
    }

    public String trainQueue() {
        return namespace + ".train";
    }

    public String attackQueue() {
        return namespace + ".attack";
    }

    public String deadLetterExchange() {
        return namespace + ".dlx";
    }

    /** Where job messages that could not be run end: undecodable, or past the delivery limit. */
    public String deadLetterQueue() {
        return namespace + ".dead";
    }

    public String eventsExchange() {
        return namespace + ".events";
    }

    /** The API's queue of worker events. */
    public String eventsQueue() {
        return namespace + ".events.api";
    }

    /** Where worker events the API cannot read end, through {@link #deadLetterExchange()}. */
    public String eventsDeadLetterQueue() {
        return namespace + ".events.dead";
    }

    public String controlExchange() {
        return namespace + ".control";
    }

    /** The routing key (and queue) of a job kind: {@link #TRAIN} for Train, {@link #ATTACK} for Evaluate. */
    public static String routingKey(String kind) {
        return switch (kind) {
            case "Train" -> TRAIN;
            case "Evaluate" -> ATTACK;
            default -> throw new IllegalArgumentException("unknown job kind " + kind);
        };
    }
}
