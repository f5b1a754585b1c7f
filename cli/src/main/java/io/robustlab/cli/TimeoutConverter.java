package io.robustlab.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a timeout as people write it: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}, a number of seconds
 * ({@code 600}) or ISO-8601 ({@code PT30M}). It must be positive.
 */
public final class TimeoutConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PARTS = Pattern.compile("(\\d+)(h|m|s)");

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value.trim().toLowerCase(Locale.ROOT));
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a positive duration (write e.g. 90s, 30m, 2h, 1h30m or a number of seconds)");
        }
        return duration;
    }

    private static Duration parse(String text) {
        if (text.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        if (text.startsWith("pt") || text.startsWith("p")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (!text.matches("(\\d{1,9}h)?(\\d{1,9}m)?(\\d{1,9}s)?") || text.isEmpty()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = PARTS.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        return total;
    }

    /** A duration as this converter reads it back: {@code 1h30m}, {@code 45s}. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || text.isEmpty()) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
