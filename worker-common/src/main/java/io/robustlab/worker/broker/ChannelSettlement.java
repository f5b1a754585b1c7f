package io.robustlab.worker.broker;

import com.rabbitmq.client.Channel;
import io.robustlab.worker.job.Settlement;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a delivery on the channel it came on. When the channel is gone the broker has already returned the
 * message to the queue, so a failure here is logged, not thrown.
 */
record ChannelSettlement(Channel channel, long deliveryTag) implements Settlement {

    private static final Logger log = LoggerFactory.getLogger(ChannelSettlement.class);

    @Override
    public void ack() {
        settle("ack", () -> channel.basicAck(deliveryTag, false));
    }

    @Override
    public void requeue() {
        settle("requeue", () -> channel.basicNack(deliveryTag, false, true));
    }

    @Override
    public void reject() {
        settle("reject", () -> channel.basicReject(deliveryTag, false));
    }

    @Override
    public boolean held() {
        return channel.isOpen();
    }

    private interface ChannelCall {
        void run() throws IOException;
    }

    private void settle(String what, ChannelCall call) {
        try {
            call.run();
        } catch (IOException | RuntimeException e) {
            log.warn("{} of delivery {} failed ({}); the broker redelivers the message", what, deliveryTag,
                    e.getMessage());
        }
    }
}
