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

    JobTimeline(JobTransitionRepository transitions, ApplicationEventPublisher events, Clock clock) {
        this.transitions = transitions;
        this.events = events;
        this.clock = clock;
    }

    void record(Job job, JobStatus from, JobStatus to, String reason) {
        transitions.save(new JobTransition(job.id(), from, to, job.attempt(), reason, clock.instant()));
        events.publishEvent(new JobChanged(job.id(), job.project(), to, reason));
    }

    List<JobTransition> of(UUID jobId) {
        return transitions.findByJobIdOrderByIdAsc(jobId);
    }
}
