package io.robustlab.api.results;

import java.util.List;

/**
 * What a {@link LiveStream} follows, one job or a whole project, and how far the stream got in it. Read by the one
 * running pump of its stream only.
 */
interface ActivitySource {

    /** The key its wake-ups come by: {@link #ofJob} or {@link #ofProject}. */
    String key();

    /** The next events after the last one read, in order, at most {@code limit}; advances past them. */
    Reading next(int limit);

    static String ofJob(java.util.UUID jobId) {
        return "job:" + jobId;
    }

    static String ofProject(String project) {
        return "project:" + project;
    }

    /**
     * @param events   in order
     * @param more     there may be more right away (the limit was reached)
     * @param over     nothing more will come: the stream ends after these events
     * @param settling there is more that is not final yet (its transaction is younger than one still running): look
     *                 again shortly even if nothing wakes the stream
     */
    record Reading(List<ActivityEvent> events, boolean more, boolean over, boolean settling) {
    }
}
