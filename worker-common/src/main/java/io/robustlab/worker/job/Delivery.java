package io.robustlab.worker.job;

/**
 * One job message as the broker delivered it.
 *
 * @param queueKind     the job kind of the queue it came from ({@code Train}, {@code Evaluate})
 * @param body          the encoded {@code JobMessage}
 * @param redelivered   the broker's redelivered flag: someone received it before
 * @param deliveryCount the quorum queue's {@code x-delivery-count} header (deliveries before this one), 0 if absent
 */
public record Delivery(String queueKind, byte[] body, boolean redelivered, long deliveryCount) {

    /** Whether an earlier delivery of this message may have started the job. */
    public boolean seenBefore() {
        return redelivered || deliveryCount > 0;
    }
}
