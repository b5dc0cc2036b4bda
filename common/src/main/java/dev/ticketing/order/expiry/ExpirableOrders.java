package dev.ticketing.order.expiry;

/** The orders the queue points at (the orders database). */
@FunctionalInterface
public interface ExpirableOrders {

    /**
     * Expires the order {@code orderId} if it is still {@code created}: it becomes {@code cancelled},
     * version + 1, and {@code order.expired} is owed and published. An order that is
     * {@code complete} or already {@code cancelled} is left alone and nothing is emitted. Expiring
     * the same order twice expires it once.
     *
     * @throws dev.ticketing.domain.DomainException of kind {@code CONFLICT} when the order changed
     *     concurrently (retrying later may succeed); any other exception when the database failed
     */
    Outcome expire(String orderId);

    /** What {@link #expire} did. */
    enum Outcome {
        /** The order was {@code created}; it is now cancelled and {@code order.expired} was emitted. */
        EXPIRED,
        /** The order had already ended (complete or cancelled); nothing changed, nothing was emitted. */
        ALREADY_ENDED,
        /** No such order. */
        UNKNOWN
    }
}
