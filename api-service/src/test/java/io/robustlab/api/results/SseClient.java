package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.fail;

import io.robustlab.api.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client for tests, as a browser's EventSource reads a stream: lines are read as they arrive,
 * on a thread of their own, and parsed into events.
 */
final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Object END = new Object();

    /** One event: its id, name and data. */
    record Event(String id, String name, String data) {

        long position() {
            return Long.parseLong(id);
        }

        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().name("sse-client").start(this::read);
        }
    }

    /** Opens a stream; returns once the response's headers arrived. */
    static SseClient open(ApiClient api, String path, String lastEventId) {
        HttpRequest.Builder request = api.request(path).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a response that is not a stream (a problem). */
    String body() {
        return String.join("\n", response.body().toList());
    }

    /** The next event; fails when none comes within the timeout or the stream ends. */
    Event next(Duration timeout) {
        Object item = poll(timeout);
        if (item == null) {
            fail("no event within " + timeout);
        }
        if (item == END) {
            fail("the stream ended");
        }
        return (Event) item;
    }

    /** The next event, or null when none comes within the timeout; fails when the stream ends. */
    Event nextIfAny(Duration timeout) {
        Object item = poll(timeout);
        if (item == END) {
            fail("the stream ended");
        }
        return (Event) item;
    }

    /** Fails unless the stream ends within the timeout with no further event. */
    void awaitEnd(Duration timeout) {
        Object item = poll(timeout);
        if (item == null) {
            fail("the stream did not end within " + timeout);
        }
        if (item != END) {
            fail("expected the end of the stream, got " + item);
        }
    }

    /** Every event until the stream ends. */
    List<Event> rest(Duration timeout) {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object item = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (item == null) {
                fail("the stream did not end within " + timeout + "; got " + events);
            }
            if (item == END) {
                return events;
            }
            events.add((Event) item);
        }
    }

    int comments() {
        return comments.get();
    }

    /** Leaves, as a browser tab that is closed. */
    @Override
    public void close() {
        response.body().close();
    }

    private Object poll(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry: and unknown fields
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by this client or the connection broke: the stream ended
        } finally {
            received.add(END);
        }
    }
}
