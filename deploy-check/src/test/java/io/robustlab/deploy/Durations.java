package io.robustlab.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as compose ({@code 150s}), Spring ({@code 120s}, {@code 2m}) and RabbitMQ (milliseconds) write them. */
final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher matcher = SIMPLE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration like 90s or 2m: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
