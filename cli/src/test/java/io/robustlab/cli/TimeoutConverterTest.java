package io.robustlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TimeoutConverterTest {

    private final TimeoutConverter converter = new TimeoutConverter();

    @Test
    void readsTheWaysPeopleWriteATimeout() {
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert("1H5M10S")).isEqualTo(Duration.ofSeconds(3910));
        assertThat(converter.convert("600")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("PT45M")).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void refusesWhatIsNotAPositiveDuration() {
        for (String bad : new String[] {"", "0", "0s", "-5m", "10 minutes", "m", "30x", "PT-1M", "1.5h"}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("is not a positive duration");
        }
    }

    @Test
    void formatsAsItReads() {
        assertThat(TimeoutConverter.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(TimeoutConverter.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(TimeoutConverter.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(converter.convert(TimeoutConverter.format(Duration.ofSeconds(3725))))
                .isEqualTo(Duration.ofSeconds(3725));
    }
}
