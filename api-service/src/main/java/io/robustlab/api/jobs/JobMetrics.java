package io.robustlab.api.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts jobs submitted ({@code robustlab.jobs.submitted}, tag {@code kind}) and finished
 * ({@code robustlab.jobs.finished}, tags {@code kind} and {@code outcome}: succeeded, failed, cancelled), once the
 * transaction that changed them committed.
 */
@Component
class JobMetrics {

    private static final List<String> KINDS = List.of("Train", "Evaluate");

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every series exists from the start, at zero, so that rates and alerts see them before the first job.
        for (String kind : KINDS) {
            submitted(kind);
            for (JobStatus status : JobStatus.values()) {
                if (status.finished()) {
                    finished(kind, status);
                }
            }
        }
    }

    /** Called with every transition {@link JobTimeline} records. */
    void transition(Job job, JobStatus from, JobStatus to) {
        if (from == null) {
            afterCommit(() -> submitted(job.kind()).increment());
        } else if (to.finished() && !from.finished()) {
            afterCommit(() -> finished(job.kind(), to).increment());
        }
    }

    private Counter submitted(String kind) {
        return Counter.builder("robustlab.jobs.submitted").tag("kind", kind)
                .description("Jobs accepted (not counting idempotent replays and reuses)").register(registry);
    }

    private Counter finished(String kind, JobStatus status) {
        return Counter.builder("robustlab.jobs.finished").tag("kind", kind)
                .tag("outcome", status.name().toLowerCase(Locale.ROOT))
                .description("Jobs that reached a final status").register(registry);
    }

    private static void afterCommit(Runnable count) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}
