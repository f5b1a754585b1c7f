package io.robustlab.api.jobs;

import io.robustlab.api.auth.Caller;
import io.robustlab.api.system.ApiProblem;
import io.robustlab.api.system.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Jobs: submit, list, look at, cancel, delete. */
@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "jobs")
class JobController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PAGE = 200;

    private final JobService service;
    private final JobSearch search;
    private final JobTimeline timeline;
    private final JobProperties properties;
    private final ApplicationEventPublisher events;

    JobController(JobService service, JobSearch search, JobTimeline timeline, JobProperties properties,
            ApplicationEventPublisher events) {
        this.service = service;
        this.search = search;
        this.timeline = timeline;
        this.properties = properties;
        this.events = events;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a Train or Evaluate spec",
            description = "201 with the new job. With an Idempotency-Key, the same key and spec return the same job "
                    + "(200), another spec is 409. With reuse=true, a SUCCEEDED job of the project with the same spec "
                    + "hash is returned (200, reused) instead of running again.")
    ResponseEntity<JobView> submit(
            @RequestBody byte[] body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "false") boolean reuse) {
        if (body.length > properties.maxSpecBytes()) {
            throw new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE,
                    "the spec has " + body.length + " bytes; at most " + properties.maxSpecBytes() + " are accepted");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiProblem.invalidField("Idempotency-Key", "must be 1 to 200 characters");
        }
        Submission submission = service.submit(Caller.current(), body, idempotencyKey, reuse);
        JobView view = JobView.summary(submission.job(), submission.reused());
        URI location = URI.create(view.links().get("self"));
        return submission.created() ? ResponseEntity.created(location).body(view)
                : ResponseEntity.ok().location(location).header("Idempotent-Replayed",
                        String.valueOf(!submission.reused())).body(view);
    }

    @GetMapping
    @Operation(summary = "List jobs of the caller's project, newest first, a page at a time")
    JobPage list(
            @Parameter(description = "Train or Evaluate; repeat for several") @RequestParam(required = false) List<String> kind,
            @Parameter(description = "QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED; repeat for several")
            @RequestParam(required = false) List<String> status,
            @Parameter(description = "key=value; repeat to require several") @RequestParam(required = false) List<String> label,
            @Parameter(description = "part of the name, or the start of the id") @RequestParam(required = false) String text,
            @Parameter(description = "createdAt (oldest first) or -createdAt (newest first)")
            @RequestParam(defaultValue = "-createdAt") String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.invalidField("limit", "must be between 1 and " + MAX_PAGE);
        }
        if (!sort.equals("createdAt") && !sort.equals("-createdAt")) {
            throw ApiProblem.invalidField("sort", "must be createdAt or -createdAt");
        }
        JobQuery query = new JobQuery(JobQuery.kinds(kind), statuses(status), JobQuery.labels(label), text, sort.equals("createdAt"),
                cursor == null ? null : JobCursor.decode(cursor), limit);
        List<Job> found = search.page(Caller.current().project(), query);
        List<JobView> page = found.stream().limit(limit).map(job -> JobView.summary(job, false)).toList();
        String next = found.size() > limit
                ? new JobCursor(found.get(limit - 1).createdAt(), found.get(limit - 1).id()).encode() : null;
        return new JobPage(page, next);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One job, with its spec and status timeline")
    JobView get(@PathVariable UUID id) {
        Job job = service.get(Caller.current(), id);
        return JobView.of(job, false, JSON.readTree(job.spec()), timeline.of(id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running job (409 when it already finished)")
    JobView cancel(@PathVariable UUID id) {
        return JobView.summary(service.cancel(Caller.current(), id), false);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a finished job with its results and artifacts (409 while it runs)")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        List<String> keys = service.delete(Caller.current(), id);
        events.publishEvent(new JobDeleted(id, keys));
        return ResponseEntity.noContent().build();
    }

    private static List<JobStatus> statuses(List<String> given) {
        List<JobStatus> statuses = new ArrayList<>();
        for (String status : given == null ? List.<String>of() : given) {
            try {
                statuses.add(JobStatus.valueOf(status.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("status",
                        "must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED (got '" + status + "')");
            }
        }
        return statuses;
    }
}
