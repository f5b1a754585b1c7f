package io.robustlab.cli.client;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.TimeoutConverter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Follows a job until it finishes, through its Server-Sent Events ({@code GET /api/v1/jobs/{id}/events}), and
 * tells what happens on a log stream (stderr, so that stdout stays for what scripts read): status changes,
 * progress (at most every {@value #PROGRESS_EVERY_SECONDS} s unless the phase changes) and training epochs.
 *
 * <p>The stream ends after the job's final status, or after the API's maximum stream duration; the watcher then
 * reads the job and, if it has not finished, reconnects after a short pause with {@code Last-Event-ID}, so nothing
 * is shown twice. A stream refused for a while (a replica shutting down, too many open streams) or broken is
 * handled the same way: the job's own status decides, never the stream alone.
 */
public final class JobWatcher {

    static final long PROGRESS_EVERY_SECONDS = 10;
    private static final Set<Integer> RETRY_LATER = Set.of(429, 502, 503, 504);
    private static final Object END = new Object();

    private final RobustLabApi api;
    private final PrintWriter log;
    private final Duration pause;
    private String shownStatus;
    private String shownPhase;
    private long shownProgressAt;

    /**
     * @param log   where to tell what happens
     * @param pause how long to wait before reconnecting after a broken or refused stream
     */
    public JobWatcher(RobustLabApi api, PrintWriter log, Duration pause) {
        this.api = api;
        this.log = log;
        this.pause = pause;
    }

    public JobWatcher(RobustLabApi api, PrintWriter log) {
        this(api, log, Duration.ofSeconds(2));
    }

    /**
     * @return the job once it is SUCCEEDED, FAILED or CANCELLED
     * @throws CliException {@link Exit#TIMEOUT} when it has not finished within {@code timeout}
     */
    public Job await(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Job job = api.job(id);
        showStatus(id, job.status(), job.attempt(), null);
        String lastEventId = null;
        while (!job.finished()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new CliException(Exit.TIMEOUT, "job " + id + " is still " + job.status() + " after "
                        + TimeoutConverter.format(timeout) + progressText(job.progress())
                        + "; it goes on running (robustlab wait " + id + " waits again)");
            }
            lastEventId = follow(id, lastEventId, remaining);
            job = api.job(id);
            if (!job.finished()) {
                // The stream ended or broke while the job goes on: look again after a pause, never in a tight loop.
                sleep(Math.min(pause.toNanos(), Math.max(0, deadline - System.nanoTime())));
            }
        }
        showStatus(id, job.status(), job.attempt(), job.failureReason());
        return job;
    }

    /** Shows the job's events until the stream ends, breaks or the time is up; the id of the last event seen. */
    private String follow(String id, String lastEventId, long remainingNanos) {
        HttpRequest.Builder request = api.request(RobustLabApi.jobPath(id) + "/events")
                .setHeader("Accept", "text/event-stream")
                .timeout(Duration.ofNanos(Math.min(remainingNanos, Duration.ofSeconds(60).toNanos())))
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        long deadline = System.nanoTime() + remainingNanos;
        CompletableFuture<HttpResponse<InputStream>> sent =
                api.http().sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = sent.get(remainingNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return lastEventId;
        } catch (ExecutionException e) {
            log.println("[" + shortId(id) + "] event stream: " + api.unreachable("follow job " + id,
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause())).getMessage());
            return lastEventId;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.API_ERROR, "interrupted while waiting for job " + id, e);
        }
        if (response.statusCode() != 200) {
            ApiProblem problem = ApiProblem.read(response.statusCode(), readAll(response.body()));
            if (RETRY_LATER.contains(response.statusCode())) {
                log.println("[" + shortId(id) + "] event stream refused for now (" + problem.describe()
                        + "); reading the job again shortly");
                return lastEventId;
            }
            throw new ApiException("follow job " + id, problem);
        }
        return read(id, response.body(), lastEventId, deadline);
    }

    /**
     * Reads the stream on a virtual thread of its own, so that the deadline holds even between two events (the API
     * sends a heartbeat only every 15 s).
     */
    private String read(String id, InputStream body, String lastEventId, long deadline) {
        BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().name("robustlab-events-" + shortId(id)).start(() -> {
            ServerSentEvent.Parser parser = new ServerSentEvent.Parser(arrived::add);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    parser.line(line);
                }
                arrived.add(END);
            } catch (IOException e) {
                arrived.add(e);
            }
        });
        String last = lastEventId;
        try {
            while (true) {
                Object next = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null || next == END) {
                    return last;
                }
                if (next instanceof IOException e) {
                    log.println("[" + shortId(id) + "] event stream broke (" + e.getMessage() + "); reconnecting");
                    return last;
                }
                ServerSentEvent event = (ServerSentEvent) next;
                if (event.id() != null) {
                    last = event.id();
                }
                show(id, event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.API_ERROR, "interrupted while waiting for job " + id, e);
        } finally {
            reader.interrupt();
            try {
                body.close();
            } catch (IOException e) {
                // the connection is given up either way
            }
        }
    }

    private void show(String id, ServerSentEvent event) {
        JsonNode data;
        try {
            data = RobustLabApi.JSON.readTree(event.data());
        } catch (RuntimeException e) {
            return;
        }
        switch (event.event()) {
            case "job" -> showStatus(id, data.path("status").asString(null), data.path("attempt").asInt(),
                    null);
            case "status" -> showStatus(id, data.path("to").asString(null), data.path("attempt").asInt(),
                    data.path("reason").asString(null));
            case "progress" -> showProgress(id, data);
            case "epoch-metric" -> log.println("[" + shortId(id) + "] epoch " + data.path("epoch").asInt()
                    + metric(data, "trainLoss", "train loss") + metric(data, "trainAccuracy", "train accuracy")
                    + metric(data, "testLoss", "test loss") + metric(data, "testAccuracy", "test accuracy"));
            default -> {
                // curve, corruption and weight-noise points show in `robustlab curves`
            }
        }
    }

    private void showStatus(String id, String status, int attempt, String reason) {
        if (status == null || status.equals(shownStatus)) {
            return;
        }
        log.println("[" + shortId(id) + "] " + (shownStatus == null ? "" : shownStatus + " → ") + status
                + (attempt > 1 ? " (attempt " + attempt + ")" : "")
                + (reason == null || reason.isBlank() ? "" : ": " + reason));
        shownStatus = status;
    }

    private void showProgress(String id, JsonNode data) {
        if (!data.path("percent").isNumber()) {
            return;
        }
        String phase = data.path("phase").asString("");
        long now = System.nanoTime();
        if (phase.equals(shownPhase) && now - shownProgressAt < TimeUnit.SECONDS.toNanos(PROGRESS_EVERY_SECONDS)) {
            return;
        }
        shownPhase = phase;
        shownProgressAt = now;
        Job.Progress progress = new Job.Progress(data.path("percent").asDouble(), phase, data.path("etaSeconds").isNumber() ? data.path("etaSeconds").asDouble() : null,
                null, null);
        log.println("[" + shortId(id) + "]" + progressText(progress).replaceFirst("^,", ""));
    }

    /** {@code , 41% (epoch 3/5), about 12 s left}, or nothing when the worker said nothing yet. */
    static String progressText(Job.Progress progress) {
        if (progress == null || progress.percent() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, ", %.0f%%", progress.percent()));
        if (progress.phase() != null && !progress.phase().isBlank()) {
            text.append(" (").append(progress.phase()).append(')');
        }
        if (progress.etaSeconds() != null) {
            text.append(", about ").append(TimeoutConverter.format(
                    Duration.ofSeconds(Math.max(1, Math.round(progress.etaSeconds()))))).append(" left");
        }
        return text.toString();
    }

    private static String metric(JsonNode data, String field, String name) {
        return data.path(field).isNumber()
                ? String.format(Locale.ROOT, ", %s %.4f", name, data.path(field).asDouble()) : "";
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String readAll(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.API_ERROR, "interrupted", e);
        }
    }
}
