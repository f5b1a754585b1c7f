package io.robustlab.api.jobs;

/** Where a job is: {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}; a lost lease goes back to QUEUED. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
