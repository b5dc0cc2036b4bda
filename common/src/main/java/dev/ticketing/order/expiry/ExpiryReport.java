package dev.ticketing.order.expiry;

/**
 * What one tick did: queue entries {@code claimed}; orders {@code expired} (each emitted
 * {@code order.expired}); {@code skipped} because already complete or cancelled; {@code unknown}
 * ids dropped; {@code deferred} because the order changed concurrently (due again at the next tick);
 * {@code swept}: overdue orders the sweep of the orders store found still {@code created} (those it
 * expired are counted in {@code expired} too). {@code queueFailure} says why the queue's part of the
 * tick stopped early (the sweep still ran), null when it did not.
 */
public record ExpiryReport(int claimed, int expired, int skipped, int unknown, int deferred, int swept,
        String queueFailure) {

    public static final ExpiryReport NOTHING = new ExpiryReport(0, 0, 0, 0, 0);

    /** A tick that swept nothing and whose queue worked. */
    public ExpiryReport(int claimed, int expired, int skipped, int unknown, int deferred) {
        this(claimed, expired, skipped, unknown, deferred, 0, null);
    }

    /** Whether the tick did anything worth reporting. */
    public boolean anything() {
        return claimed > 0 || swept > 0 || queueFailure != null;
    }

    ExpiryReport plus(ExpiryReport other) {
        return new ExpiryReport(claimed + other.claimed, expired + other.expired, skipped + other.skipped,
                unknown + other.unknown, deferred + other.deferred, swept + other.swept,
                queueFailure != null ? queueFailure : other.queueFailure);
    }

    ExpiryReport failedQueue(String why) {
        return new ExpiryReport(claimed, expired, skipped, unknown, deferred, swept, why);
    }
}
