package io.robustlab.api.jobs;

import java.util.List;
import java.util.Map;

/**
 * A filter and an order for listing jobs.
 *
 * @param kinds    only these kinds (empty: any)
 * @param statuses only these statuses (empty: any)
 * @param labels   only jobs with every one of these labels
 * @param text     only jobs whose name contains it (case-insensitive) or whose id starts with it; null: any
 * @param oldestFirst order by creation time, oldest first; else newest first
 * @param after    the cursor of the last job of the previous page; null for the first page
 * @param limit    jobs per page
 */
public record JobQuery(List<String> kinds, List<JobStatus> statuses, Map<String, String> labels, String text,
        boolean oldestFirst, JobCursor after, int limit) {
}
