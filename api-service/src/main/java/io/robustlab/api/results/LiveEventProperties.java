package io.robustlab.api.results;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live event streams ({@code GET /jobs/{id}/events}).
 *
 * @param heartbeat            how often an idle stream gets a comment line, so that proxies keep it open and a
 *                             vanished client is noticed
 * @param pollInterval         how often every open stream looks in the database anyway, in case a notification was
 *                             missed (the listener connection was down)
 * @param maxStreamsPerProject open streams of one project on one API replica; more are refused with 429
 * @param maxStreamDuration    a stream ends after this long; the client reconnects with Last-Event-ID and loses
 *                             nothing (bounds what a forgotten client holds)
 * @param reconnectDelay       the {@code retry:} a client is told to wait before reconnecting
 */
@ConfigurationProperties("robustlab.live-events")
public record LiveEventProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("100") int maxStreamsPerProject,
        @DefaultValue("30m") Duration maxStreamDuration,
        @DefaultValue("3s") Duration reconnectDelay) {
}
