package dev.ticketing.payment;

/** An order's status as the payments context knows it from order events. */
public enum OrderStatus {
    /** Placed, not yet paid: the only status that can be paid (until {@code expiresAt}). */
    CREATED,
    /** Cancelled by its buyer ({@code order.cancelled}). */
    CANCELLED,
    /** Went unpaid past its window ({@code order.expired}). */
    EXPIRED,
    /** Paid and completed ({@code order.completed}). */
    COMPLETE;

    /** Whether the order ended unpaid: a charge that succeeded for it must be refunded. */
    public boolean endedUnpaid() {
        return this == CANCELLED || this == EXPIRED;
    }
}
