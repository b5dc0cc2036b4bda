package dev.ticketing.local;

import java.time.Duration;

/**
 * A Trigger's {@code spec.delivery} (or the Broker's, as default): {@code retry} attempts after the
 * first, {@code backoffDelay} an ISO-8601 duration doubled before each retry ({@code backoffPolicy:
 * exponential}, the one policy {@code knative/} uses: a {@code linear} one is refused), {@code timeout}
 * per attempt.
 */
record DeliverySpec(int retry, Duration backoffDelay, Duration timeout) {

    static final DeliverySpec NONE = new DeliverySpec(0, Duration.ofMillis(200), Duration.ofSeconds(30));

    /** Its dead-letter sink is not read: locally every Trigger dead-letters to {@link DeadLetterLog}. */
    static DeliverySpec of(YamlNode delivery, YamlNode defaults) {
        YamlNode d = delivery.missing() ? defaults : delivery;
        if (!"exponential".equals(d.get("backoffPolicy").text("exponential"))) {
            throw new IllegalArgumentException("backoffPolicy " + d.get("backoffPolicy").text()
                    + " is not supported locally");
        }
        return d.missing() ? NONE : new DeliverySpec(Math.max(0, d.get("retry").integer(NONE.retry())),
                Duration.parse(d.get("backoffDelay").text(NONE.backoffDelay().toString())),
                Duration.parse(d.get("timeout").text(NONE.timeout().toString())));
    }

    /** How long to wait before retry number {@code n} (1-based): delay × 2^(n-1). */
    Duration backoff(int n) {
        return backoffDelay.multipliedBy(1L << Math.min(n - 1, 20));
    }
}
