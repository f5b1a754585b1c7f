package io.robustlab.api.results;

import io.robustlab.api.jobs.JobStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One job's activity, after a stream position; over once the job finished or was deleted. */
final class JobSource implements ActivitySource {

    private final UUID jobId;
    private final JobActivity activity;
    private long position;

    JobSource(UUID jobId, long position, JobActivity activity) {
        this.jobId = jobId;
        this.position = position;
        this.activity = activity;
    }

    @Override
    public String key() {
        return ActivitySource.ofJob(jobId);
    }

    @Override
    public Reading next(int limit) {
        Optional<JobStatus> status = activity.status(jobId);
        if (status.isEmpty()) {
            return new Reading(List.of(), false, true, false);
        }
        List<ActivityEvent> events = activity.after(jobId, position, limit);
        if (!events.isEmpty()) {
            position = Long.parseLong(events.getLast().id());
        }
        boolean more = events.size() == limit;
        // The status was read before the events: a finished job's final change is among these.
        return new Reading(events, more, !more && status.get().finished(), false);
    }

    @Override
    public String toString() {
        return "job " + jobId;
    }
}
