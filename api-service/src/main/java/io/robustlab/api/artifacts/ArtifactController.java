package io.robustlab.api.artifacts;

import io.robustlab.api.artifacts.ArtifactCatalog.StoredArtifact;
import io.robustlab.api.auth.Caller;
import io.robustlab.api.jobs.JobService;
import io.robustlab.api.system.ApiProblem;
import io.robustlab.api.system.ProblemType;
import io.robustlab.api.system.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.robustlab.artifacts.ArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** The files a job wrote: listed from the database, downloaded from the artifact store as a stream. */
@RestController
@RequestMapping("/api/v1/jobs/{id}/artifacts")
@Tag(name = "artifacts")
class ArtifactController {

    private static final Logger log = LoggerFactory.getLogger(ArtifactController.class);

    private final JobService jobs;
    private final ArtifactCatalog catalog;
    private final ArtifactStore store;

    ArtifactController(JobService jobs, ArtifactCatalog catalog, ArtifactStore store) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.store = store;
    }

    /**
     * The artifacts of a job.
     *
     * @param jobId     the job
     * @param artifacts its files, by name
     */
    record ArtifactList(UUID jobId, List<ArtifactView> artifacts) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the files a job wrote (empty while it has written none)")
    ArtifactList list(@PathVariable UUID id) {
        jobs.get(Caller.current(), id);
        String base = "/api/v1/jobs/" + id + "/artifacts/";
        return new ArtifactList(id, catalog.of(id).stream()
                .map(a -> new ArtifactView(a.name(), a.sizeBytes(), a.sha256(), a.contentType(), a.attempt(),
                        a.createdAt(), base + encodePath(a.name())))
                .toList());
    }

    @GetMapping("/{*name}")
    @Operation(summary = "Download one artifact",
            description = "Streams the bytes from the artifact store with Content-Length, Content-Type and "
                    + "ETag = the SHA-256 (If-None-Match gives 304). A single or multiple byte Range gives 206; an "
                    + "unsatisfiable one 416. The name may contain slashes: /artifacts/model/weights.npz.")
    @ApiResponse(responseCode = "200", description = "the artifact's bytes",
            content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<?> download(@PathVariable UUID id,
            @Parameter(description = "the artifact's name, e.g. model/weights.npz", example = "result.json")
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
        jobs.get(Caller.current(), id);
        String artifactName = name.startsWith("/") ? name.substring(1) : name;
        StoredArtifact artifact = catalog.find(id, artifactName)
                .orElseThrow(() -> ApiProblem.notFound("artifact '" + artifactName + "' of job " + id));
        Resource bytes = new ArtifactResource(store, artifact.storeKey(), storedSize(id, artifact),
                fileName(artifact.name()));
        if (range != null) {
            try {
                // The checks Spring MVC applies when it writes the ranges, made here so that a bad range is a 416
                // problem rather than the whole file.
                HttpRange.toResourceRegions(HttpRange.parseRanges(range), bytes);
            } catch (IllegalArgumentException e) {
                return ResponseEntity.status(ProblemType.RANGE_NOT_SATISFIABLE.status())
                        .header(HttpHeaders.CONTENT_RANGE, "bytes */" + artifact.sizeBytes())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.of(ProblemType.RANGE_NOT_SATISFIABLE, "range '" + range
                                + "' does not fit artifact '" + artifactName + "' of " + artifact.sizeBytes()
                                + " bytes"));
            }
        }
        return ResponseEntity.ok()
                .eTag(artifact.sha256())
                .contentType(mediaType(artifact.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName(artifact.name()), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .body(bytes);
    }

    /** The size of the stored bytes, which must be the recorded size: else they are not the recorded artifact. */
    private long storedSize(UUID id, StoredArtifact artifact) {
        long size;
        try {
            size = store.size(artifact.storeKey()).orElseThrow(() -> {
                log.warn("job {}: artifact {} is recorded but {} is not in the store", id, artifact.name(),
                        artifact.storeKey());
                return new ApiProblem(ProblemType.NOT_FOUND, "artifact '" + artifact.name() + "' of job " + id
                        + " is recorded but its bytes are no longer in the artifact store");
            });
        } catch (IllegalArgumentException e) {
            log.error("job {}: artifact {} refused: {}", id, artifact.name(), e.getMessage());
            throw new ApiProblem(ProblemType.INTERNAL, "artifact '" + artifact.name() + "' of job " + id
                    + " cannot be served: its store key is invalid; it has been logged");
        } catch (IOException e) {
            log.error("job {}: artifact {} unreadable in the store", id, artifact.name(), e);
            throw new ApiProblem(ProblemType.UNAVAILABLE, "the artifact store cannot be read; try again shortly");
        }
        if (size != artifact.sizeBytes()) {
            log.error("job {}: artifact {} has {} bytes in the store, {} recorded", id, artifact.name(), size,
                    artifact.sizeBytes());
            throw new ApiProblem(ProblemType.INTERNAL, "the stored bytes of artifact '" + artifact.name()
                    + "' of job " + id + " do not match its record; it has been logged");
        }
        return size;
    }

    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    private static String fileName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static String encodePath(String name) {
        return Arrays.stream(name.split("/", -1))
                .map(segment -> UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }
}
