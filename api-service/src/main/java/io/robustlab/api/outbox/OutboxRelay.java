package io.robustlab.api.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.robustlab.api.messaging.MessagingProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox: takes unsent messages in order, publishes them, and marks each sent only once the broker
 * confirmed it and did not return it; a message that failed waits (exponentially longer, up to a cap) and is
 * published again.
 *
 * <p>No database transaction is open while the broker is waited for. A round claims a batch in one statement
 * ({@code for update skip locked}, so relays of several API replicas never take the same rows, and the claim moves
 * {@code available_at} past the claim time, so they skip them afterwards too), publishes it, then records the
 * outcome in a second statement. A crash before the outcome is recorded leaves the rows unsent: they are published
 * again once the claim expires. So a message can be published twice (never zero times); consumers recognise a
 * duplicate by its message id, or by what it says (a job message by its job id and attempt).
 */
@Component
class OutboxRelay implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final OutboxPublisher publisher;
    private final MessagingProperties properties;
    private final Clock clock;
    private final Counter confirmed;
    private final Counter failed;
    private volatile String lastProblem;

    OutboxRelay(JdbcClient jdbc, OutboxPublisher publisher, MessagingProperties properties, Clock clock,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.confirmed = Counter.builder("robustlab.outbox.published").tag("outcome", "confirmed")
                .description("Outbox messages the broker confirmed").register(registry);
        this.failed = Counter.builder("robustlab.outbox.published").tag("outcome", "failed")
                .description("Outbox publishes that failed and will be retried").register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::relayQuietly, properties.relayInterval());
        registrar.addFixedDelayTask(this::purgeQuietly, PURGE_INTERVAL);
    }

    private void relayQuietly() {
        try {
            relay();
        } catch (RuntimeException e) {
            // The database is down, most likely; the next round tries again.
            trouble("outbox relay round failed: " + e.getMessage());
        }
    }

    /** Logs a problem once, not five times a second while it lasts. */
    private void trouble(String problem) {
        if (!problem.equals(lastProblem)) {
            log.warn("{}", problem);
        } else {
            log.debug("{}", problem);
        }
        lastProblem = problem;
    }

    private void recovered() {
        if (lastProblem != null) {
            log.info("outbox relay publishes again (after: {})", lastProblem);
            lastProblem = null;
        }
    }

    /**
     * Publishes what is due, batch after batch, until the outbox has nothing due or a publish failed.
     *
     * @return how many messages the broker confirmed
     */
    int relay() {
        int sent = 0;
        while (true) {
            List<PendingMessage> batch = claim();
            if (batch.isEmpty()) {
                return sent;
            }
            List<Publication> publications = publisher.publish(batch);
            record(publications);
            long ok = publications.stream().filter(Publication::confirmed).count();
            if (ok == publications.size()) {
                recovered();
            }
            sent += (int) ok;
            if (ok < publications.size() || batch.size() < properties.relayBatch()) {
                return sent;
            }
        }
    }

    private List<PendingMessage> claim() {
        Instant now = clock.instant();
        List<PendingMessage> batch = jdbc.sql("""
                with due as (
                    select id from outbox_message
                    where sent_at is null and available_at <= :now
                    order by id
                    limit :batch
                    for update skip locked)
                update outbox_message m set available_at = :claimedUntil
                from due where m.id = due.id
                returning m.id, m.exchange, m.routing_key, m.payload, m.message_id, m.created_at, m.attempts
                """)
                .param("now", Timestamp.from(now))
                .param("batch", properties.relayBatch())
                .param("claimedUntil", Timestamp.from(now.plus(properties.relayClaim())))
                .query((rs, row) -> new PendingMessage(rs.getLong("id"), rs.getString("exchange"),
                        rs.getString("routing_key"), rs.getBytes("payload"), rs.getString("message_id"),
                        rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts")))
                .list();
        return batch.stream().sorted(Comparator.comparingLong(PendingMessage::id)).toList();
    }

    private void record(List<Publication> publications) {
        Instant now = clock.instant();
        List<Long> sent = publications.stream().filter(Publication::confirmed).map(p -> p.message().id()).toList();
        if (!sent.isEmpty()) {
            jdbc.sql("update outbox_message set sent_at = :now, attempts = attempts + 1 where id in (:ids)")
                    .param("now", Timestamp.from(now)).param("ids", sent).update();
            confirmed.increment(sent.size());
        }
        Map<String, List<Long>> failures = publications.stream().filter(p -> !p.confirmed())
                .collect(Collectors.groupingBy(Publication::error,
                        Collectors.mapping(p -> p.message().id(), Collectors.toList())));
        failures.forEach((error, ids) -> {
            // The n-th failure waits retryBackoff × 2^(n-1), at most retryBackoffMax.
            jdbc.sql("""
                    update outbox_message
                    set attempts = attempts + 1, last_error = :error,
                        available_at = cast(:now as timestamptz) + interval '1 millisecond'
                            * least(cast(:maxMillis as double precision),
                                    cast(:firstMillis as double precision) * power(2, least(attempts, 30)))
                    where id in (:ids)
                    """)
                    .param("error", error).param("now", Timestamp.from(now))
                    .param("maxMillis", properties.retryBackoffMax().toMillis())
                    .param("firstMillis", properties.retryBackoff().toMillis())
                    .param("ids", ids).update();
            failed.increment(ids.size());
            trouble("outbox message(s) not published, will retry: " + error);
        });
    }

    private void purgeQuietly() {
        try {
            Instant before = clock.instant().minus(properties.sentRetention());
            int purged = jdbc.sql("""
                    delete from outbox_message where id in (
                        select id from outbox_message where sent_at < :before limit 10000)
                    """).param("before", Timestamp.from(before)).update();
            if (purged > 0) {
                log.debug("purged {} published outbox messages", purged);
            }
        } catch (RuntimeException e) {
            log.warn("outbox purge failed: {}", e.getMessage());
        }
    }
}
