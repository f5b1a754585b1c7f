package io.robustlab.e2e;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for the platform to get somewhere: a probe is asked again until its answer is what is expected or the
 * deadline passes; the deadline failing is the assertion. Nothing here sleeps in place of checking.
 */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /**
     * @param what     what is awaited, for the failure message
     * @param probe    asked every 250 ms; an exception it throws fails at once
     * @param reached  whether the probe's answer is the one awaited
     * @return the answer that reached it
     * @throws AssertionError with the last answer when the deadline passes
     */
    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> reached) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last;
        while (true) {
            last = probe.get();
            if (reached.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; last seen: " + last);
            }
            pause();
        }
    }

    /** Waits for a condition that has no value worth returning. */
    static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, condition, Boolean.TRUE::equals);
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
