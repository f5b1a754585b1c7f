package io.robustlab.api.results;

import io.robustlab.api.auth.Caller;
import io.robustlab.api.jobs.JobService;
import io.robustlab.api.jobs.JobView;
import io.robustlab.api.system.ApiProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project's activity as its live stream reads it: every job's status changes and progress events, in
 * {@link ProjectPosition} order (migration V5 says why that order resumes without loss).
 */
@Repository
class ProjectActivity {

    private final JdbcClient jdbc;
    private final JobService jobs;
    private final ActivityRows rows;

    ProjectActivity(JdbcClient jdbc, JobService jobs, ActivityRows rows) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.rows = rows;
    }

    /** Where a stream opened now starts: everything committed before is older, everything later is after it. */
    ProjectPosition head() {
        String oldestRunning = jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text")
                .query(String.class).single();
        return new ProjectPosition(Long.parseLong(oldestRunning), 0);
    }

    /** The project of a job; empty when it does not exist (any more). */
    Optional<String> projectOf(UUID jobId) {
        return jdbc.sql("select project from job where id = ?").param(jobId).query(String.class).optional();
    }

    /**
     * The activity of the project's jobs after a position, in order, at most {@code limit}; each says whether it is
     * final (its transaction is older than every one still running) — only final rows may be sent.
     */
    List<Row> after(String project, ProjectFilter filter, ProjectPosition after, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("project", project);
        params.put("transaction", Long.toString(after.transaction()));
        params.put("position", after.position());
        params.put("limit", limit);
        StringBuilder jobFilter = new StringBuilder("j.project = :project");
        if (!filter.kinds().isEmpty()) {
            jobFilter.append(" and j.kind in (:kinds)");
            params.put("kinds", filter.kinds());
        }
        if (!filter.labels().isEmpty()) {
            jobFilter.append(" and j.labels @> cast(:labels as jsonb)");
            params.put("labels", rows.write(filter.labels()));
        }
        String sql = """
                select a.*, a.stream_xid::text as transaction,
                       a.stream_xid < pg_snapshot_xmin(pg_current_snapshot()) as settled
                from (select t.stream_xid, t.stream_position, t.job_id, 'status' as source, t.from_status,
                             t.to_status, t.attempt, t.reason, t.at, null::text as type, null::text as payload
                      from job_transition t join job j on j.id = t.job_id
                      where %1$s and (t.stream_xid, t.stream_position) > (cast(:transaction as xid8), :position)
                      union all
                      select e.stream_xid, e.stream_position, e.job_id, 'event', null, null, e.attempt, null,
                             e.received_at, e.type, e.payload::text
                      from job_event e join job j on j.id = e.job_id
                      where %1$s and e.type = 'progress'
                        and (e.stream_xid, e.stream_position) > (cast(:transaction as xid8), :position)) a
                order by a.stream_xid, a.stream_position
                limit :limit""".formatted(jobFilter);
        return jdbc.sql(sql).params(params).query(this::row).list();
    }

    /** A job's summary, as {@code GET /jobs/{id}} shows it without spec and timeline; empty once deleted. */
    Optional<ObjectNode> summary(Caller caller, UUID jobId) {
        try {
            return Optional.of(rows.tree(JobView.summary(jobs.get(caller, jobId), false)));
        } catch (ApiProblem deleted) {
            return Optional.empty();
        }
    }

    String write(ObjectNode data) {
        return rows.write(data);
    }

    private Row row(ResultSet rs, int number) throws SQLException {
        ProjectPosition position = new ProjectPosition(Long.parseLong(rs.getString("transaction")),
                rs.getLong("stream_position"));
        UUID jobId = rs.getObject("job_id", UUID.class);
        ObjectNode data;
        String name;
        boolean submitted = false;
        if (rows.isStatus(rs)) {
            JobView.Transition transition = rows.transition(rs);
            submitted = transition.from() == null;
            data = rows.tree(transition);
            name = "status";
        } else {
            data = rows.workerEvent(rs);
            name = rs.getString("type");
        }
        ObjectNode withJob = data.objectNode().put("jobId", jobId.toString());
        withJob.setAll(data);
        return new Row(position, jobId, name, withJob, submitted, rs.getBoolean("settled"));
    }

    /**
     * @param submitted the job's first status change (null to QUEUED): the stream adds the job's summary
     * @param settled   its transaction is older than every one still running: nothing will come before it
     */
    record Row(ProjectPosition position, UUID jobId, String name, ObjectNode data, boolean submitted,
            boolean settled) {
    }
}
