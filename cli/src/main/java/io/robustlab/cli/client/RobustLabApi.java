package io.robustlab.cli.client;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RobustLab REST API ({@code api-service/README.md}): every request carries the API key as
 * {@code Authorization: Bearer …} when one is set, and every answer other than the expected one becomes an
 * {@link ApiException} with the API's problem, or a {@link CliException} when the API cannot be reached.
 */
public final class RobustLabApi {

    /** The API adds fields over time; the CLI reads the ones it knows. */
    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Pattern JOB_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI base;
    private final String key;

    /**
     * @param base the API's address, e.g. {@code http://localhost:8080} (a path prefix is kept:
     *             {@code https://lab.example/robustlab/})
     * @param key  the API key, or null to send none (an API with authentication disabled)
     */
    public RobustLabApi(URI base, String key) {
        if (base.getScheme() == null || !Set.of("http", "https").contains(base.getScheme()) || base.getHost() == null) {
            throw new CliException(Exit.USAGE, "the API URL '" + base + "' is not an http(s) address such as "
                    + "http://localhost:8080 (--api-url or ROBUSTLAB_API_URL)");
        }
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        this.base = base.resolve(path.endsWith("/") ? path : path + "/");
        this.key = key == null || key.isBlank() ? null : key.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI base() {
        return base;
    }

    /**
     * {@code POST /api/v1/jobs}: the job as created ({@code 201}), or as it was when an idempotency key replays or
     * {@code reuse} finds a finished job with the same spec hash ({@code 200}).
     */
    public JsonNode submit(String specJson, String idempotencyKey, boolean reuse) {
        HttpRequest.Builder request = request("api/v1/jobs" + (reuse ? "?reuse=true" : ""))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(specJson, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return JSON.readTree(expect(send(request, "submit the spec"), "submit the spec", 200, 201));
    }

    /** {@code GET /api/v1/jobs/{id}} as the API wrote it. */
    public JsonNode jobJson(String id) {
        String what = "get job " + id;
        return JSON.readTree(expect(send(request(jobPath(id)).GET(), what), what, 200));
    }

    public Job job(String id) {
        return JSON.treeToValue(jobJson(id), Job.class);
    }

    /** {@code GET /api/v1/jobs/{id}/curves}: robustness curves, corruption and weight-noise tables. */
    public JsonNode curves(String id) {
        String what = "get the curves of job " + id;
        return JSON.readTree(expect(send(request(jobPath(id) + "/curves").GET(), what), what, 200));
    }

    /** {@code GET /api/v1/jobs/{id}/artifacts/{name}}: one file a job wrote (small ones only: held in memory). */
    public byte[] artifact(String id, String name) {
        String what = "download " + name + " of job " + id;
        StringBuilder path = new StringBuilder(jobPath(id)).append("/artifacts");
        for (String segment : name.split("/")) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        HttpResponse<byte[]> response = send(request(path.toString()).GET(), HttpResponse.BodyHandlers.ofByteArray(),
                what);
        if (response.statusCode() != 200) {
            throw new ApiException(what, ApiProblem.read(response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8)));
        }
        return response.body();
    }

    /** Refuses what is not a job id before asking the API (which would answer 400 or 404). */
    public static String requireJobId(String id) {
        if (id == null || !JOB_ID.matcher(id).matches()) {
            throw new CliException(Exit.USAGE, "'" + id + "' is not a job id (a UUID such as "
                    + "3f2c9d1e-8a7b-4c6d-9e0f-1a2b3c4d5e6f, as printed by robustlab submit)");
        }
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "robustlab-cli");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    HttpClient http() {
        return http;
    }

    static String jobPath(String id) {
        return "api/v1/jobs/" + requireJobId(id);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), what);
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String what) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw unreachable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.API_ERROR, what + ": interrupted", e);
        }
    }

    /** Why the API could not be reached, with where the CLI looked. */
    CliException unreachable(String what, IOException e) {
        String why = e instanceof ConnectException ? "connection refused"
                : e instanceof HttpTimeoutException ? "no answer in time"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new CliException(Exit.API_ERROR, what + ": cannot reach the RobustLab API at " + base + " (" + why
                + "); set --api-url or ROBUSTLAB_API_URL to where it runs", e);
    }

    private static String expect(HttpResponse<String> response, String what, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        throw new ApiException(what, ApiProblem.read(response.statusCode(), response.body()));
    }
}
