package io.robustlab.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as a user's client sees it: JSON over HTTP, every request with the project's API key. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String key;

    ApiClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    /** Where the API is, for a client of its own (the CLI in CliGateIT). */
    URI base() {
        return base;
    }

    /** The project's key this client sends, for a client of its own (the CLI in CliGateIT). */
    String key() {
        return key;
    }

    /** One server-sent event of a job's stream. */
    record StreamEvent(String event, long id, JsonNode data) {
    }

    /** {@code POST /api/v1/jobs} with a fresh idempotency key; the job as created (201). */
    JsonNode submit(String spec) {
        HttpResponse<String> response = send(request("/api/v1/jobs").header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(spec)));
        return json(expect(response, 201));
    }

    JsonNode job(String id) {
        return getJson("/api/v1/jobs/" + id);
    }

    JsonNode metrics(String id) {
        return getJson("/api/v1/jobs/" + id + "/metrics");
    }

    JsonNode curves(String id) {
        return getJson("/api/v1/jobs/" + id + "/curves");
    }

    JsonNode artifacts(String id) {
        return getJson("/api/v1/jobs/" + id + "/artifacts");
    }

    byte[] artifact(String id, String name) {
        HttpResponse<byte[]> response = send(request("/api/v1/jobs/" + id + "/artifacts/" + name).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET artifact " + name + " of job " + id + " answered "
                    + response.statusCode());
        }
        return response.body();
    }

    /** {@code POST /api/v1/jobs/{id}/cancel}; the job as the API answered (200). */
    JsonNode cancel(String id) {
        return json(expect(send(request("/api/v1/jobs/" + id + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody())), 200));
    }

    /** {@code POST /api/v1/api-keys}: mints a key of the project (the caller must be an admin); the secret. */
    String mintKey(String project, String name) {
        HttpResponse<String> response = send(request("/api/v1/api-keys").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        JSON.createObjectNode().put("project", project).put("name", name)))));
        return json(expect(response, 201)).path("key").asString();
    }

    /**
     * Waits until the job has finished, and fails at once when it finished otherwise than expected (with its
     * failure reason), instead of waiting out the deadline.
     */
    JsonNode awaitFinished(String id, String expected, Duration timeout) {
        JsonNode job = Poll.until("job " + id + " finishes", timeout, () -> job(id),
                j -> FINISHED.contains(j.path("status").asString()));
        if (!expected.equals(job.path("status").asString())) {
            throw new AssertionError("job " + id + " is " + job.path("status").asString() + ", expected " + expected
                    + "; failure reason: " + job.path("failureReason").asString(null) + "; timeline: "
                    + job.path("timeline"));
        }
        return job;
    }

    /** Waits until the job is in the status (while not yet finished otherwise). */
    JsonNode awaitStatus(String id, String status, Duration timeout) {
        JsonNode job = Poll.until("job " + id + " is " + status, timeout, () -> job(id),
                j -> status.equals(j.path("status").asString()) || FINISHED.contains(j.path("status").asString()));
        if (!status.equals(job.path("status").asString())) {
            throw new AssertionError("job " + id + " is " + job.path("status").asString() + " while waiting for "
                    + status + "; failure reason: " + job.path("failureReason").asString(null));
        }
        return job;
    }

    /**
     * A finished job's whole recorded history from its live event stream ({@code Last-Event-ID: 0} replays it;
     * the stream ends after the final status).
     */
    List<StreamEvent> history(String id) {
        HttpRequest request = request("/api/v1/jobs/" + id + "/events").header("Accept", "text/event-stream")
                .header("Last-Event-ID", "0").GET().build();
        CompletableFuture<List<StreamEvent>> read = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new AssertionError("GET events of job " + id + " answered " + response.statusCode());
                    }
                    try (Stream<String> lines = response.body()) {
                        return parse(lines);
                    }
                });
        try {
            return read.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            throw new AssertionError("the event stream of finished job " + id + " did not end within 60 s", e);
        } catch (ExecutionException e) {
            throw new AssertionError("reading the event stream of job " + id + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<StreamEvent> parse(Stream<String> lines) {
        List<StreamEvent> events = new ArrayList<>();
        String[] event = {null};
        long[] eventId = {-1};
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (event[0] != null) {
                    events.add(new StreamEvent(event[0], eventId[0], JSON.readTree(data.toString())));
                }
                event[0] = null;
                eventId[0] = -1;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event[0] = line.substring("event:".length()).trim();
            } else if (line.startsWith("id:")) {
                eventId[0] = Long.parseLong(line.substring("id:".length()).trim());
            } else if (line.startsWith("data:")) {
                data.append(line.substring("data:".length()));
            }
        });
        return events;
    }

    private JsonNode getJson(String path) {
        return json(expect(send(request(path).GET()), 200));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        HttpRequest built = request.build();
        try {
            return http.send(built, body);
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + status + "): " + response.body());
        }
        return response.body();
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
