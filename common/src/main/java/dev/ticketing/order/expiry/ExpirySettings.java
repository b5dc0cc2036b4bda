package dev.ticketing.order.expiry;

import java.time.Duration;

/**
 * How a tick works through the queue: {@code batchSize} entries per claim (1..1000), each claim
 * leased for {@code lease} (longer than one batch takes), {@code concurrency} orders expired at once.
 */
public record ExpirySettings(int batchSize, Duration lease, int concurrency) {

    public static final ExpirySettings DEFAULTS = new ExpirySettings(256, Duration.ofSeconds(60), 8);

    public ExpirySettings {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize must be within 1..1000, was " + batchSize);
        }
        if (lease == null || lease.toMillis() < 1) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
    }
}
