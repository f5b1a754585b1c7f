package io.robustlab.api.results;

import io.robustlab.api.auth.Caller;
import io.robustlab.api.system.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A job's live events as Server-Sent Events. */
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
