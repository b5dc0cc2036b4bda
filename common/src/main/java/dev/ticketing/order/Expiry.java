package dev.ticketing.order;

/** What {@link OrderService#expire} made of an order whose expiry came due. */
public enum Expiry {
    /** The order was still {@code created}: it is now {@code cancelled} and {@code order.expired} is owed. */
    EXPIRED,
    /** The order had already ended ({@code cancelled} or {@code complete}): nothing changed, nothing emitted. */
    ALREADY_ENDED,
    /** No order has this id: nothing changed, nothing emitted. */
    UNKNOWN
}
