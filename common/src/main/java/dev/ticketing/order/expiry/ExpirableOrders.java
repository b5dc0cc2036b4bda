package dev.ticketing.order.expiry;

import dev.ticketing.order.OrderService;

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

    /** The orders context's own expiry ({@link OrderService#expire}). */
    static ExpirableOrders of(OrderService orders) {
        return orderId -> switch (orders.expire(orderId)) {
            case EXPIRED -> Outcome.EXPIRED;
            case ALREADY_ENDED -> Outcome.ALREADY_ENDED;
            case UNKNOWN -> Outcome.UNKNOWN;
        };
    }

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
