package io.robustlab.api.results;

import io.robustlab.api.auth.Caller;
import io.robustlab.api.jobs.JobQuery;
import io.robustlab.api.system.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Live events, of one job or of the caller's whole project, as Server-Sent Events. */
@RestController
@Tag(name = "results")
class LiveEventController {

    private final LiveEvents events;

    LiveEventController(LiveEvents events) {
        this.events = events;
    }

    @GetMapping(path = "/api/v1/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live events of a job (Server-Sent Events)",
            description = """
                    First an event `job` with the job's summary (as GET /jobs/{id} without spec and timeline), then, \
                    as they happen: `status` ({from, to, attempt, reason, at}) and the worker's `progress`, \
                    `epoch-metric`, `curve-point`, `corruption-point` and `weight-noise-point` (the worker's fields \
                    plus `attempt`). Every event has an id: reconnecting with `Last-Event-ID` resumes after it, with \
                    nothing lost or repeated (and no `job` event). The stream ends after the job's final status; a \
                    comment line every ~15 s keeps it open. 429 when the project has too many streams open.""")
    @ApiResponse(responseCode = "200", description = "the event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    SseEmitter events(@PathVariable UUID id,
            @Parameter(description = "the id of the last event received, to resume after it")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletResponse response) {
        SseEmitter emitter = events.open(Caller.current(), id, position(lastEventId));
        // nginx (compose, Kubernetes ingress) would otherwise buffer the stream.
        response.setHeader("X-Accel-Buffering", "no");
        return emitter;
    }

    @GetMapping(path = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live events of every job of the project (Server-Sent Events)",
            description = """
                    First an event `ready`, then, as they happen, for every job of the caller's project (that passes \
                    the filters): `status` ({jobId, from, to, attempt, reason, at}) and the worker's `progress` (its \
                    fields plus jobId and attempt). A new job shows up as its first status change (from absent, to \
                    QUEUED), which also carries `job`: its summary as GET /jobs/{id} shows it without spec and \
                    timeline. Every event has an id, `<transaction>-<position>`: reconnecting with `Last-Event-ID` \
                    resumes after it with nothing lost or repeated (and no `ready`). The stream does not end by \
                    itself (but after robustlab.live-events.max-stream-duration; reconnect); a comment line every \
                    ~15 s keeps it open. One stream for a whole list instead of one per job; it counts against \
                    the project's stream quota like a job's stream (429 beyond).""")
    @ApiResponse(responseCode = "200", description = "the event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    SseEmitter projectEvents(
            @Parameter(description = "Train or Evaluate; repeat for several (as the job list)")
            @RequestParam(required = false) List<String> kind,
            @Parameter(description = "key=value; repeat to require several (as the job list)")
            @RequestParam(required = false) List<String> label,
            @Parameter(description = "the id of the last event received, to resume after it")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletResponse response) {
        ProjectFilter filter = new ProjectFilter(JobQuery.kinds(kind), JobQuery.labels(label));
        ProjectPosition after = lastEventId == null || lastEventId.isBlank() ? null
                : ProjectPosition.parse(lastEventId);
        SseEmitter emitter = events.openProject(Caller.current(), filter, after);
        response.setHeader("X-Accel-Buffering", "no");
        return emitter;
    }

    private static Long position(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(lastEventId.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.invalidField("Last-Event-ID", "must be the id of an event of this stream (got '"
                + lastEventId + "')");
    }
}
