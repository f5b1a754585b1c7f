package io.robustlab.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventTest {

    @Test
    void readsEventsAsTheApiWritesThem() {
        List<ServerSentEvent> events = new ArrayList<>();
        ServerSentEvent.Parser parser = new ServerSentEvent.Parser(events::add);
        for (String line : List.of("event:job", "id:4181", "retry:3000", "data:{\"status\":\"RUNNING\"}", "",
                ":heartbeat", "", "event: status", "id: 4193", "data: {\"to\":", "data: \"SUCCEEDED\"}", "",
                "data:plain", "")) {
            parser.line(line);
        }
        assertThat(events).containsExactly(
                new ServerSentEvent("job", "4181", "{\"status\":\"RUNNING\"}"),
                new ServerSentEvent("status", "4193", "{\"to\":\n\"SUCCEEDED\"}"),
                new ServerSentEvent("message", null, "plain"));
    }
}
