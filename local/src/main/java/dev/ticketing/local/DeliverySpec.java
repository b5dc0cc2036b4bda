package dev.ticketing.local;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A Trigger's {@code spec.delivery} (or the Broker's, as default): {@code retry} attempts after the
 * first, {@code backoffPolicy} {@code exponential} (delay × 2^(n-1) before retry n) or {@code linear} (delay × n),
 * {@code backoffDelay} an ISO-8601 duration, {@code timeout} per attempt.
 */
record DeliverySpec(int retry, boolean exponential, Duration backoffDelay, Duration timeout, String deadLetterSink) {

    static final DeliverySpec NONE = new DeliverySpec(0, true, Duration.ofMillis(200), Duration.ofSeconds(30), null);

    static DeliverySpec of(Yamls.Node delivery, Yamls.Node defaults) {
        Yamls.Node d = delivery.missing() ? defaults : delivery;
        if (d.missing()) {
            return NONE;
        }
        int retry = d.get("retry").integer(NONE.retry());
        boolean exponential = !"linear".equalsIgnoreCase(d.get("backoffPolicy").text("exponential"));
        Duration delay = duration(d.get("backoffDelay").text(), NONE.backoffDelay());
        Duration timeout = duration(d.get("timeout").text(), NONE.timeout());
        Destination dls = d.get("deadLetterSink").missing() ? null : Destination.of(d.get("deadLetterSink"));
        return new DeliverySpec(Math.max(0, retry), exponential, delay, timeout, dls == null ? null : dls.toString());
    }

    private static Duration duration(String iso, Duration fallback) {
        if (iso == null || iso.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(iso.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an ISO-8601 duration: " + iso);
        }
    }

    /** How long to wait before retry number {@code n} (1-based): delay × 2^(n-1), or delay × n. */
    Duration backoff(int n) {
        if (exponential) {
            return backoffDelay.multipliedBy(1L << Math.min(n - 1, 20));
        }
        return backoffDelay.multipliedBy(n);
    }
}
