package io.robustlab.api.results;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes a job's activity rows the way the API's event consumer does, for the live-stream tests. */
final class WorkerActivity {

    private final JdbcClient jdbc;
    private final AtomicLong sequence = new AtomicLong();

    WorkerActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A status change: the transition row and the job's new status. */
    void transition(UUID job, String from, String to, String reason) {
        jdbc.sql("""
                insert into job_transition (job_id, from_status, to_status, attempt, reason, at)
                values (?, ?, ?, 1, ?, now())""").params(job, from, to, reason).update();
        jdbc.sql("update job set status = ?, updated_at = now() where id = ?").params(to, job).update();
    }

    /** A worker event of run {@code run-1}, attempt 1, with the next sequence number. */
    void workerEvent(UUID job, String type, String payload) {
        jdbc.sql("""
                insert into job_event (job_id, attempt, run_id, sequence, type, payload, received_at)
                values (?, 1, 'run-1', ?, ?, ?::jsonb, now())""")
                .params(job, sequence.incrementAndGet(), type, payload).update();
    }

    /** A number no other row of this test run has used. */
    long unique() {
        return sequence.incrementAndGet() + System.nanoTime() % 100_000;
    }
}
