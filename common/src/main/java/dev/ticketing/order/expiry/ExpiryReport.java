package dev.ticketing.order.expiry;

/**
 * What one tick did: entries {@code claimed}; orders {@code expired} (each emitted
 * {@code order.expired}); {@code skipped} because already complete or cancelled; {@code unknown}
 * ids dropped; {@code deferred} because the order changed concurrently (due again at the next tick).
 */
public record ExpiryReport(int claimed, int expired, int skipped, int unknown, int deferred) {

    public static final ExpiryReport NOTHING = new ExpiryReport(0, 0, 0, 0, 0);

    ExpiryReport plus(ExpiryReport other) {
        return new ExpiryReport(claimed + other.claimed, expired + other.expired, skipped + other.skipped,
                unknown + other.unknown, deferred + other.deferred);
    }
}
