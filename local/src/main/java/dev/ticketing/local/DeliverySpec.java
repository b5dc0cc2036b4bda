package dev.ticketing.local;

import java.time.Duration;

/**
 * A Trigger's {@code spec.delivery} (or the Broker's, as default): {@code retry} attempts after the
 * first, {@code backoffPolicy} {@code exponential} (delay × 2^(n-1) before retry n) or {@code linear} (delay × n),
 * {@code backoffDelay} an ISO-8601 duration, {@code timeout} per attempt.
 */
record DeliverySpec(int retry, boolean exponential, Duration backoffDelay, Duration timeout) {

    static final DeliverySpec NONE = new DeliverySpec(0, true, Duration.ofMillis(200), Duration.ofSeconds(30));

    /** Its dead-letter sink is not read: locally every Trigger dead-letters to {@link DeadLetterLog}. */
    static DeliverySpec of(YamlNode delivery, YamlNode defaults) {
        YamlNode d = delivery.missing() ? defaults : delivery;
        if (d.missing()) {
            return NONE;
        }
        return new DeliverySpec(Math.max(0, d.get("retry").integer(NONE.retry())),
                !"linear".equalsIgnoreCase(d.get("backoffPolicy").text("exponential")),
                Duration.parse(d.get("backoffDelay").text(NONE.backoffDelay().toString())),
                Duration.parse(d.get("timeout").text(NONE.timeout().toString())));
    }

    /** How long to wait before retry number {@code n} (1-based): delay × 2^(n-1), or delay × n. */
    Duration backoff(int n) {
        return backoffDelay.multipliedBy(exponential ? 1L << Math.min(n - 1, 20) : n);
    }
}
