package dev.ticketing.payment;

/** Where a charge stands. One charge per order; it may go through several attempts. */
public enum ChargeStatus {
    /**
     * Claimed by a request that is asking the provider, or whose provider call had an unknown outcome
     * (its lease was released): the next attempt replays the same idempotent request.
     */
    PENDING,
    /** The provider took the money ({@code charge.created}). */
    SUCCEEDED,
    /** The provider refused the payment: nothing was taken; a new attempt may use another card. */
    DECLINED,
    /** The money was given back because the order ended first ({@code charge.refunded}). */
    REFUNDED
}
