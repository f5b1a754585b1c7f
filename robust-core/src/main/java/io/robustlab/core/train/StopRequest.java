package io.robustlab.core.train;

/** What the caller of a training run asks for, checked between batches. */
public enum StopRequest {

    /** Go on. */
    NONE,

    /** Stop for good (the job was cancelled): the checkpoints of finished epochs stay, the epoch in progress is lost. */
    CANCEL,

    /**
     * Stop to be resumed elsewhere (the worker shuts down): first write a checkpoint of the epoch in progress, so the
     * run that resumes trains none of its finished batches again.
     */
    SUSPEND
}
