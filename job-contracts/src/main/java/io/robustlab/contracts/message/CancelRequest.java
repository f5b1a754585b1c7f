package io.robustlab.contracts.message;

/**
 * Stop a job: sent by the API to every worker; the one running the job stops within one batch.
 *
 * @param jobId   the job to stop
 * @param attempt the attempt to stop; a worker running another attempt of the job ignores it
 * @param reason  why, for the worker's log, e.g. "cancelled by the user"
 */
public record CancelRequest(int schemaVersion, String jobId, int attempt, String reason) {

    public CancelRequest(String jobId, int attempt, String reason) {
        this(MessageCodec.SCHEMA_VERSION, jobId, attempt, reason);
    }
}
