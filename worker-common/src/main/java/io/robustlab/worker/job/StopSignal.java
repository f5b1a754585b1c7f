package io.robustlab.worker.job;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Asks one run to stop: because its job was cancelled, or because the worker shuts down. A cancel wins. */
final class StopSignal implements BooleanSupplier {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String cancelReason;
    private volatile boolean shutdown;

    void cancel(String reason) {
        if (cancelReason == null) {
            cancelReason = reason == null || reason.isBlank() ? "cancelled" : reason;
        }
        stopped.countDown();
    }

    void shutdown() {
        shutdown = true;
        stopped.countDown();
    }

    @Override
    public boolean getAsBoolean() {
        return stopped.getCount() == 0;
    }

    /** Why it was cancelled, or null when it was not (it may still be stopping for shutdown). */
    String cancelReason() {
        return cancelReason;
    }

    boolean shutdownRequested() {
        return shutdown;
    }

    /** Waits up to {@code timeout} for a stop; returns whether one came. */
    boolean await(Duration timeout) {
        try {
            return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
