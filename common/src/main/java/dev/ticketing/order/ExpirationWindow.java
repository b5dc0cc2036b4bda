package dev.ticketing.order;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a placed order holds its ticket, as {@code ORDER_EXPIRATION_WINDOW} gives it: a number of
 * seconds ({@code 900}, as the original app's {@code EXPIRATION_WINDOW_SECONDS}), a number with a unit
 * ({@code 90s}, {@code 15m}, {@code 1h}, {@code 500ms}) or ISO-8601 ({@code PT15M}). Default 15 minutes.
 */
public final class ExpirationWindow {

    public static final Duration DEFAULT = Duration.ofMinutes(15);
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");

    private ExpirationWindow() {
    }

    /** Parses {@code text}; blank means the default. Throws {@link IllegalArgumentException} unless positive. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration window;
        Matcher m = SIMPLE.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            window = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                window = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("ORDER_EXPIRATION_WINDOW must be like 900, 15m or PT15M, not " + text);
            }
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("ORDER_EXPIRATION_WINDOW must be positive, not " + text);
        }
        return window;
    }
}
