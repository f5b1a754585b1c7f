package io.robustlab.api.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.robustlab.api.messaging.MessagingProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The outbox lag as gauges: how many messages are unsent and how old the oldest is. Measured every
 * {@link MessagingProperties#metricsInterval()}, so a scrape never queries the database; the age is computed at
 * scrape time from the measured oldest creation time. NaN until measured, and while the database is unreachable.
 */
@Component
class OutboxMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration interval;
    private volatile Lag lag = new Lag(Double.NaN, null);

    private record Lag(double unsent, Instant oldest) {
    }

    OutboxMetrics(JdbcClient jdbc, Clock clock, MessagingProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = properties.metricsInterval();
        Gauge.builder("robustlab.outbox.unsent", this, metrics -> metrics.lag.unsent())
                .description("Outbox messages not yet confirmed by the broker").register(registry);
        Gauge.builder("robustlab.outbox.oldest.age", this, OutboxMetrics::oldestAgeSeconds).baseUnit("seconds")
                .description("Age of the oldest unsent outbox message (0 when none)").register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::measure, interval);
    }

    void measure() {
        try {
            lag = jdbc.sql("select count(*) as unsent, min(created_at) as oldest from outbox_message"
                    + " where sent_at is null")
                    .query((rs, row) -> {
                        Timestamp oldest = rs.getTimestamp("oldest");
                        return new Lag(rs.getLong("unsent"), oldest == null ? null : oldest.toInstant());
                    }).single();
        } catch (RuntimeException e) {
            log.debug("outbox lag not measured: {}", e.getMessage());
            lag = new Lag(Double.NaN, null);
        }
    }

    private double oldestAgeSeconds() {
        Lag current = lag;
        if (Double.isNaN(current.unsent())) {
            return Double.NaN;
        }
        return current.oldest() == null ? 0
                : Math.max(0, Duration.between(current.oldest(), clock.instant()).toMillis() / 1000.0);
    }
}
