package io.robustlab.worker.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The worker's meters, tagged only by job kind and outcome (never a job id):
 * <ul>
 * <li>{@code robustlab.worker.jobs} (counter) and {@code robustlab.worker.job.duration} (timer), by
 *     {@code job_kind} and {@code outcome}: succeeded, failed, cancelled, requeued, rejected;
 * <li>{@code robustlab.worker.samples.rate} (gauge, by {@code job_kind}): the samples per second a running job
 *     reported last, 0 when none runs;
 * <li>{@code robustlab.worker.busy} and {@code robustlab.worker.idle} (counters, seconds): time job slots spent
 *     running jobs and waiting for one; busy / (busy + idle) is the utilisation;
 * <li>{@code robustlab.worker.jobs.running} (gauge) and {@code robustlab.worker.memory.resident} (gauge, bytes: the
 *     process's resident set, which includes the native memory PyTorch holds).
 * </ul>
 */
public final class JobMetrics {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final long createdNanos;
    private final int slots;
    private final AtomicLong finishedBusyNanos = new AtomicLong();
    private final Map<String, Long> runningSince = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> samplesRate = new ConcurrentHashMap<>();

    public JobMetrics(MeterRegistry registry, int slots, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        this.slots = slots;
        this.createdNanos = nanoTime.getAsLong();
        FunctionCounter.builder("robustlab.worker.busy", this, JobMetrics::busySeconds).baseUnit("seconds")
                .description("Seconds job slots spent running jobs").register(registry);
        FunctionCounter.builder("robustlab.worker.idle", this, JobMetrics::idleSeconds).baseUnit("seconds")
                .description("Seconds job slots spent waiting for a job").register(registry);
        Gauge.builder("robustlab.worker.jobs.running", runningSince, Map::size)
                .description("Jobs running on this worker").register(registry);
        Gauge.builder("robustlab.worker.memory.resident", JobMetrics::residentBytes).baseUnit("bytes")
                .description("Resident memory of the worker process, native memory included").register(registry);
    }

    void started(String kind, String runId) {
        runningSince.put(runId, nanoTime.getAsLong());
        rate(kind);
    }

    void finished(String kind, String runId, String outcome) {
        Long since = runningSince.remove(runId);
        long elapsed = since == null ? 0 : nanoTime.getAsLong() - since;
        finishedBusyNanos.addAndGet(elapsed);
        rate(kind).set(0.0);
        Counter.builder("robustlab.worker.jobs").tag("job_kind", kind).tag("outcome", outcome)
                .description("Job messages handled, by outcome").register(registry).increment();
        Timer.builder("robustlab.worker.job.duration").tag("job_kind", kind).tag("outcome", outcome)
                .description("Wall time of a job run").register(registry).record(Duration.ofNanos(elapsed));
    }

    /** A message that was rejected before it ran. */
    void rejected(String kind) {
        Counter.builder("robustlab.worker.jobs").tag("job_kind", kind).tag("outcome", "rejected")
                .description("Job messages handled, by outcome").register(registry).increment();
    }

    void samplesPerSecond(String kind, double rate) {
        rate(kind).set(rate);
    }

    private AtomicReference<Double> rate(String kind) {
        return samplesRate.computeIfAbsent(kind, k -> {
            AtomicReference<Double> value = new AtomicReference<>(0.0);
            Gauge.builder("robustlab.worker.samples.rate", value, AtomicReference::get).tag("job_kind", k)
                    .description("Samples per second of the running job, as it reported last").register(registry);
            return value;
        });
    }

    double busySeconds() {
        long now = nanoTime.getAsLong();
        long running = runningSince.values().stream().mapToLong(since -> now - since).sum();
        return (finishedBusyNanos.get() + running) / 1e9;
    }

    double idleSeconds() {
        return Math.max(0, slots * (nanoTime.getAsLong() - createdNanos) / 1e9 - busySeconds());
    }

    private static double residentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
