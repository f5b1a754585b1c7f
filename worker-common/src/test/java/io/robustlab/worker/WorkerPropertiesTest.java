package io.robustlab.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.worker.device.DevicePreference;
import io.robustlab.worker.job.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WorkerPropertiesTest {

    private static WorkerProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("robustlab.worker", WorkerProperties.class);
    }

    @Test
    void defaultsNameTheWorkerAndBeatEveryTwentySeconds() {
        WorkerProperties properties = bind(Map.of());

        assertThat(properties.id()).isNotBlank();
        assertThat(properties.concurrency()).isEqualTo(1);
        assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.progressInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.device()).isEqualTo(DevicePreference.AUTO);
        assertThat(properties.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(properties.workDirectory()).isNotNull();
    }

    @Test
    void environmentStyleValuesBind() {
        WorkerProperties properties = bind(Map.of("robustlab.worker.id", "trainer-0", "robustlab.worker.device", "gpu",
                "robustlab.worker.progress-interval", "3s", "robustlab.worker.retry.max-attempts", "5"));

        assertThat(properties.id()).isEqualTo("trainer-0");
        assertThat(properties.device()).isEqualTo(DevicePreference.GPU);
        assertThat(properties.progressInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.retry().maxAttempts()).isEqualTo(5);
    }

    @Test
    void progressMoreOftenThanEveryTwoSecondsIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("robustlab.worker.progress-interval", "500ms")))
                .hasRootCauseMessage("robustlab.worker.progress-interval must be at least 2s, was PT0.5S");
    }
}
