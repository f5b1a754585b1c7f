package io.robustlab.worker.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs in progress on this worker, so that a cancel request or a shutdown reaches them. A cancel for a job this
 * worker is not running is remembered for a while: it may have overtaken the job message, which then stops at once.
 */
public final class RunningJobs {

    private static final int REMEMBERED_CANCELS = 1000;
    private static final Duration CANCEL_MEMORY = Duration.ofMinutes(10);

    private record Entry(String jobId, int attempt, StopSignal signal) {
    }

    private record JobAttempt(String jobId, int attempt) {
    }

    private final Map<String, Entry> runs = new ConcurrentHashMap<>();
    private record RememberedCancel(String reason, Instant at) {
    }

    private final Map<JobAttempt, RememberedCancel> recentCancels = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JobAttempt, RememberedCancel> eldest) {
            return size() > REMEMBERED_CANCELS;
        }
    };
    private final Clock clock;
    private volatile boolean shuttingDown;

    public RunningJobs(Clock clock) {
        this.clock = clock;
    }

    synchronized StopSignal register(String runId, String jobId, int attempt) {
        StopSignal signal = new StopSignal();
        JobAttempt key = new JobAttempt(jobId, attempt);
        RememberedCancel cancel = recentCancels.remove(key);
        if (cancel != null && cancel.at().plus(CANCEL_MEMORY).isAfter(clock.instant())) {
            signal.cancel(cancel.reason());
        }
        if (shuttingDown) {
            signal.shutdown();
        }
        runs.put(runId, new Entry(jobId, attempt, signal));
        return signal;
    }

    void unregister(String runId) {
        runs.remove(runId);
    }

    /**
     * Stops the runs of this job attempt; other attempts of the job are left alone.
     *
     * @return whether this worker was running it
     */
    public synchronized boolean cancel(String jobId, int attempt, String reason) {
        boolean found = false;
        for (Entry entry : runs.values()) {
            if (entry.jobId().equals(jobId) && entry.attempt() == attempt) {
                entry.signal().cancel(reason);
                found = true;
            }
        }
        if (!found) {
            recentCancels.put(new JobAttempt(jobId, attempt), new RememberedCancel(reason, clock.instant()));
        }
        return found;
    }

    /** From now on no job starts, and every running one is asked to stop so its message can go back to the queue. */
    public synchronized void shutdown() {
        shuttingDown = true;
        runs.values().forEach(entry -> entry.signal().shutdown());
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    public int count() {
        return runs.size();
    }
}
