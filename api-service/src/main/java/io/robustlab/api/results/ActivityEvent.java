package io.robustlab.api.results;

/**
 * One event of a live stream, ready to send.
 *
 * @param id       the SSE id, after which a reconnecting client resumes: the stream position in a job's stream, a
 *                 {@link ProjectPosition} in a project's
 * @param name     the SSE event name: {@code status}, {@code progress}, {@code epoch-metric}…
 * @param json     its data
 * @param terminal true for the status change that finishes the job of a job's stream: the stream ends after it
 */
record ActivityEvent(String id, String name, String json, boolean terminal) {
}
