package io.robustlab.cli.client;

import java.util.function.Consumer;

/**
 * One event of a {@code text/event-stream} (the WHATWG HTML "server-sent events" format).
 *
 * @param event the event's type ({@code message} when the stream gave none)
 * @param id    its id, null when it had none
 * @param data  its data lines joined with newlines
 */
public record ServerSentEvent(String event, String id, String data) {

    /** Reads a stream line by line and hands on each complete event; comment lines ({@code :heartbeat}) are skipped. */
    public static final class Parser {

        private final Consumer<ServerSentEvent> sink;
        private String event;
        private String id;
        private StringBuilder data;

        public Parser(Consumer<ServerSentEvent> sink) {
            this.sink = sink;
        }

        public void line(String line) {
            if (line.isEmpty()) {
                if (data != null) {
                    sink.accept(new ServerSentEvent(event == null ? "message" : event, id, data.toString()));
                }
                event = null;
                id = null;
                data = null;
                return;
            }
            if (line.startsWith(":")) {
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry: and unknown fields do not change what the CLI shows
                }
            }
        }
    }
}
