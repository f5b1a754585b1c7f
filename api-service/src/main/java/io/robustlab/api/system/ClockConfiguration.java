package io.robustlab.api.system;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for every timestamp the API writes; tests replace it to move time. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        // Microseconds: what a PostgreSQL timestamp keeps, so an instant read back equals the one written.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
