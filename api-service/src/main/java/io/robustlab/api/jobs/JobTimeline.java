package io.robustlab.api.jobs;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Records each status change of a job and counts it in the job metrics. The live event stream reads the recorded
 * transitions from the database (see {@code results.JobActivity}).
 */
@Component
class JobTimeline {

    private final JobTransitionRepository transitions;
    private final Clock clock;
    private final JobMetrics metrics;

    JobTimeline(JobTransitionRepository transitions, Clock clock, JobMetrics metrics) {
        this.transitions = transitions;
        this.clock = clock;
        this.metrics = metrics;
    }

    void record(Job job, JobStatus from, JobStatus to, String reason) {
        transitions.save(new JobTransition(job.id(), from, to, job.attempt(), reason, clock.instant()));
        metrics.transition(job, from, to);
    }

    /** Counts a transition the caller wrote itself: a new job's first, in the same statement as the job. */
    void recorded(Job job, JobStatus from, JobStatus to) {
        metrics.transition(job, from, to);
    }

    List<JobTransition> of(UUID jobId) {
        return transitions.findByJobIdOrderByIdAsc(jobId);
    }
}
