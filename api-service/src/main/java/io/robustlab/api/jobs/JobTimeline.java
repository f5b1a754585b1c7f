package io.robustlab.api.jobs;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records each status change of a job and announces it (as a {@link JobChanged}) to listeners such as the live
 * event stream.
 */
@Component
class JobTimeline {

    private final JobTransitionRepository transitions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JobMetrics metrics;

    JobTimeline(JobTransitionRepository transitions, ApplicationEventPublisher events, Clock clock,
            JobMetrics metrics) {
        this.transitions = transitions;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    void record(Job job, JobStatus from, JobStatus to, String reason) {
        transitions.save(new JobTransition(job.id(), from, to, job.attempt(), reason, clock.instant()));
        events.publishEvent(new JobChanged(job.id(), job.project(), to, reason));
        metrics.transition(job, from, to);
    }

    List<JobTransition> of(UUID jobId) {
        return transitions.findByJobIdOrderByIdAsc(jobId);
    }
}
