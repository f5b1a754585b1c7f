package io.robustlab.api.results;

/**
 * One event of a job's live stream, ready to send.
 *
 * @param position its stream position: the SSE id, after which a reconnecting client resumes
 * @param name     the SSE event name: {@code status}, {@code progress}, {@code epoch-metric}…
 * @param json     its data
 * @param terminal true for the status change that finishes the job: the stream ends after it
 */
record ActivityEvent(long position, String name, String json, boolean terminal) {
}
