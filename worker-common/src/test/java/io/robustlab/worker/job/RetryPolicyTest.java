package io.robustlab.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void pausesDoubleUpToTheLongest() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void atLeastOneTry() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("max-attempts must be at least 1");
    }
}
