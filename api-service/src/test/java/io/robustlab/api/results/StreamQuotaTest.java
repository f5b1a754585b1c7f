package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamQuotaTest {

    @Test
    void eachProjectHasItsOwnBoundAndAReleasedSlotCanBeTakenAgain() {
        StreamQuota quota = new StreamQuota(2);

        assertThat(quota.tryAcquire("a")).isTrue();
        assertThat(quota.tryAcquire("a")).isTrue();
        assertThat(quota.tryAcquire("a")).isFalse();
        assertThat(quota.tryAcquire("b")).as("another project").isTrue();
        assertThat(quota.openOf("a")).isEqualTo(2);

        quota.release("a");
        assertThat(quota.openOf("a")).isEqualTo(1);
        assertThat(quota.tryAcquire("a")).isTrue();
        quota.release("b");
        quota.release("b");
        assertThat(quota.openOf("b")).as("never below zero").isZero();
    }
}
