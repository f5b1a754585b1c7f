package io.robustlab.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.EpochMetric;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunEventsTest {

    private final Recorder broker = new Recorder();
    private final RunEvents events = new RunEvents(broker, "Train", "job-1", 1, "run-1", new TestClock(),
            Duration.ofSeconds(2));

    @Test
    void aNumberIsNeverReusedAfterAPublishThatMayHaveReachedTheBroker() {
        broker.refuse(payload -> payload instanceof EpochMetric metric && metric.epoch() == 1);
        assertThatThrownBy(() -> events.publish(new EpochMetric(1, null, null, null, null, null, 1)))
                .isInstanceOf(EventPublishException.class);
        broker.refuse(payload -> false);

        events.publish(new EpochMetric(2, null, null, null, null, null, 1));

        assertThat(broker.events()).extracting(WorkerEvent::sequence).containsExactly(1L);
    }

    @Test
    void nothingFollowsTheFinalEvent() {
        events.publish(new Succeeded(List.of()));

        events.heartbeat();

        assertThat(broker.types()).containsExactly("succeeded");
        assertThatThrownBy(() -> events.publish(new EpochMetric(3, null, null, null, null, null, 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHeartbeatTheBrokerRefusesDoesNotDisturbTheJob() {
        broker.refuse(payload -> payload instanceof WorkerEvent.Heartbeat);

        events.heartbeat();
        events.publish(new EpochMetric(1, null, null, null, null, null, 1));

        assertThat(broker.log()).containsExactly("refused heartbeat", "published epoch-metric");
    }
}
