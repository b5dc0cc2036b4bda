package dev.ticketing.order.expiry;

import java.time.Duration;

/**
 * How a tick works: {@code batchSize} queue entries per claim (1..1000), each claim leased for
 * {@code lease} (longer than one batch takes), {@code concurrency} orders expired at once; and the
 * sweep of the orders store, which expires an order still {@code created} once it is overdue by
 * {@code sweepAfter} (whether or not the queue ever held it), at most {@code sweepLimit} orders per
 * tick (the rest at the next ticks).
 */
public record ExpirySettings(int batchSize, Duration lease, int concurrency, Duration sweepAfter, int sweepLimit) {

    /** Overdue by this much, an order the queue has not expired is the sweep's. */
    public static final Duration DEFAULT_SWEEP_AFTER = Duration.ofSeconds(30);
    public static final int DEFAULT_SWEEP_LIMIT = 2048;

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
        if (sweepAfter == null || sweepAfter.isNegative()) {
            throw new IllegalArgumentException("sweepAfter must be zero or positive, was " + sweepAfter);
        }
        if (sweepLimit < 0) {
            throw new IllegalArgumentException("sweepLimit must be zero or positive, was " + sweepLimit);
        }
    }

    /** With the default sweep. */
    public ExpirySettings(int batchSize, Duration lease, int concurrency) {
        this(batchSize, lease, concurrency, DEFAULT_SWEEP_AFTER, DEFAULT_SWEEP_LIMIT);
    }
}
