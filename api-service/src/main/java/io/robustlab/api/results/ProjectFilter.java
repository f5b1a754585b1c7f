package io.robustlab.api.results;

import java.util.List;
import java.util.Map;

/**
 * Which of a project's jobs a project stream follows, as the job list filters them.
 *
 * @param kinds  only these kinds (empty: any)
 * @param labels only jobs with every one of these labels
 */
record ProjectFilter(List<String> kinds, Map<String, String> labels) {
}
