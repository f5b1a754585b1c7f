package io.robustlab.api.jobs;

import io.robustlab.api.outbox.Outbox;
import io.robustlab.contracts.message.CancelRequest;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import io.robustlab.contracts.spec.JobSpec;
import io.robustlab.contracts.spec.SpecCodec;
import org.springframework.stereotype.Component;

/** Puts a job's message, or a cancel request, in the outbox of the current transaction. */
@Component
class JobDispatcher {

    private final Outbox outbox;
    private final Topology topology;

    JobDispatcher(Outbox outbox, Topology topology) {
        this.outbox = outbox;
        this.topology = topology;
    }

    void dispatch(Job job) {
        dispatch(job, SpecCodec.parse(job.spec()));
    }

    /** As {@link #dispatch(Job)}, with the job's spec already parsed. */
    void dispatch(Job job, JobSpec spec) {
        JobMessage message = new JobMessage(job.id().toString(), job.attempt(), spec, job.modelArtifact());
        outbox.enqueue(topology.jobsExchange(), Topology.routingKey(job.kind()), MessageCodec.encode(message));
    }

    void cancel(Job job, int attempt, String reason) {
        outbox.enqueue(topology.controlExchange(), "", MessageCodec.encode(
                new CancelRequest(job.id().toString(), attempt, reason)));
    }
}
