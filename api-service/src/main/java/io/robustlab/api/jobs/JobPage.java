package io.robustlab.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of jobs.
 *
 * @param jobs       the jobs, in the requested order
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobPage(List<JobView> jobs, String nextCursor) {
}
