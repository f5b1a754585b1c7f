package io.robustlab.api.results;

import io.robustlab.api.auth.Caller;
import io.robustlab.api.jobs.JobService;
import io.robustlab.api.jobs.JobStatus;
import io.robustlab.api.jobs.JobView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A job's activity as its live stream reads it: status changes ({@code job_transition}) and the worker events that
 * add results ({@code job_event}), merged by stream position (see migration V4 for why positions are gap-safe).
 */
@Repository
class JobActivity {

    /** The worker events a stream forwards; started, heartbeat and the final ones show as status changes. */
    static final List<String> STREAMED_EVENTS = List.of("progress", "epoch-metric", "curve-point",
            "corruption-point", "weight-noise-point");

    private final JdbcClient jdbc;
    private final JobService jobs;
    private final ActivityRows rows;
    private final TransactionTemplate snapshots;

    JobActivity(JdbcClient jdbc, JobService jobs, ActivityRows rows, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.rows = rows;
        this.snapshots = new TransactionTemplate(transactions);
        snapshots.setReadOnly(true);
        snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * The job as the caller sees it and the position of its latest activity, read in one snapshot so that the
     * stream continues exactly after what the job's state already shows.
     *
     * @throws io.robustlab.api.system.ApiProblem 404 when the caller's project has no such job
     */
    Snapshot snapshot(Caller caller, UUID jobId) {
        return snapshots.execute(tx -> {
            long position = jdbc.sql("""
                    select coalesce(greatest(
                        (select max(stream_position) from job_transition where job_id = :job),
                        (select max(stream_position) from job_event where job_id = :job)), 0)""")
                    .param("job", jobId).query(Long.class).single();
            JobView job = JobView.summary(jobs.get(caller, jobId), false);
            return new Snapshot(position, job.status(), rows.write(job));
        });
    }

    /** @throws io.robustlab.api.system.ApiProblem 404 when the caller's project has no such job */
    void requireVisible(Caller caller, UUID jobId) {
        jobs.get(caller, jobId);
    }

    /** The job's status; empty when it was deleted. */
    Optional<JobStatus> status(UUID jobId) {
        return jdbc.sql("select status from job where id = ?").param(jobId).query(String.class).optional()
                .map(JobStatus::valueOf);
    }

    /** The job's events after a position, in order, at most {@code limit}. */
    List<ActivityEvent> after(UUID jobId, long position, int limit) {
        return jdbc.sql("""
                select stream_position, 'status' as source, from_status, to_status, attempt, reason, at,
                       null::text as type, null::text as payload
                from job_transition where job_id = :job and stream_position > :after
                union all
                select stream_position, 'event', null, null, attempt, null, received_at, type, payload::text
                from job_event where job_id = :job and stream_position > :after and type in (:types)
                order by stream_position
                limit :limit""")
                .param("job", jobId).param("after", position).param("types", STREAMED_EVENTS)
                .param("limit", limit)
                .query(this::event).list();
    }

    private ActivityEvent event(ResultSet rs, int row) throws SQLException {
        String id = Long.toString(rs.getLong("stream_position"));
        if (rows.isStatus(rs)) {
            JobView.Transition transition = rows.transition(rs);
            return new ActivityEvent(id, "status", rows.write(transition), transition.to().finished());
        }
        return new ActivityEvent(id, rs.getString("type"), rows.write(rows.workerEvent(rs)), false);
    }

    /**
     * @param position the position of the job's latest activity
     * @param status   its status
     * @param json     its summary, as {@code GET /jobs/{id}} shows it without spec and timeline
     */
    record Snapshot(long position, JobStatus status, String json) {
    }
}
