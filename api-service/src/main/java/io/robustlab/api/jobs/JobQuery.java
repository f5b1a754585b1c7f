package io.robustlab.api.jobs;

import io.robustlab.api.system.ApiProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** The {@code kind} parameter: Train or Evaluate, repeated for several. */
    public static List<String> kinds(List<String> given) {
        List<String> kinds = new ArrayList<>();
        for (String kind : given == null ? List.<String>of() : given) {
            if (!kind.equals("Train") && !kind.equals("Evaluate")) {
                throw ApiProblem.invalidField("kind", "must be Train or Evaluate (got '" + kind + "')");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    /** The {@code label} parameter: key=value, repeated to require several. */
    public static Map<String, String> labels(List<String> given) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : given == null ? List.<String>of() : given) {
            int equals = label.indexOf('=');
            if (equals <= 0) {
                throw ApiProblem.invalidField("label", "must be key=value (got '" + label + "')");
            }
            labels.put(label.substring(0, equals), label.substring(equals + 1));
        }
        return labels;
    }
}
