package io.robustlab.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the RobustLab API in unit tests: the JDK's HTTP server on a free port, answering each
 * {@code METHOD path} with what the test set, and recording every request. The real API is exercised by e2e's
 * {@code CliGateIT}.
 */
public final class FakeApi implements AutoCloseable {

    /** What the server received. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** Answers one request; may write a streamed body itself. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, Request request) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::dispatch);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeApi on(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    /** Answers with a fixed status and JSON body (a problem+json one for 4xx/5xx). */
    public FakeApi json(String method, String path, int status, String body) {
        return on(method, path, (exchange, request) -> respond(exchange, status, body));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json"
                : "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        Request request = new Request(exchange.getRequestMethod(), path + (exchange.getRequestURI().getRawQuery()
                == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        Handler handler = routes.get(exchange.getRequestMethod() + " " + request.path());
        if (handler == null) {
            handler = routes.get(exchange.getRequestMethod() + " " + path);
        }
        try {
            if (handler == null) {
                respond(exchange, 404, "{\"type\":\"https://robustlab.io/problems/not-found\",\"title\":\"Not found\","
                        + "\"status\":404,\"detail\":\"" + path + " does not exist\"}");
            } else {
                handler.handle(exchange, request);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
