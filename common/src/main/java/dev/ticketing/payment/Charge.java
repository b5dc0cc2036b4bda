package dev.ticketing.payment;

import java.time.Instant;

/**
 * The one charge of an order. {@code attempt} counts the provider requests with a new card;
 * {@code token} is the card token or payment method of the current attempt, replayed unchanged when
 * an attempt's outcome was unknown; {@code leaseUntil} is how long the request that claimed a
 * {@link ChargeStatus#PENDING} charge keeps it; {@code version} is the stored document's version.
 */
public record Charge(String id, String orderId, long amount, ChargeStatus status, String stripeId,
        String stripeRefundId, int attempt, String token, Instant leaseUntil, String failure, long version) {

    /** A new charge for {@code order}, claimed until {@code leaseUntil}. */
    public static Charge claim(String id, PaymentOrder order, String token, Instant leaseUntil) {
        return new Charge(id, order.id(), order.amountInCents(), ChargeStatus.PENDING, null, null, 1, token,
                leaseUntil, null, 0);
    }

    /**
     * The provider's idempotency key of the current attempt: the order id for the first, so a retried
     * request never charges twice; after a decline, a new attempt (another card) gets a new key.
     */
    public String idempotencyKey() {
        return attempt == 1 ? orderId : orderId + "-attempt-" + attempt;
    }

    /** The provider's idempotency key of this charge's refund. */
    public String refundKey() {
        return "refund-" + id;
    }

    /** Whether a request at {@code now} may take over this pending charge (its lease ran out or was released). */
    public boolean leaseExpired(Instant now) {
        return status == ChargeStatus.PENDING && (leaseUntil == null || !now.isBefore(leaseUntil));
    }

    /** Takes over a pending charge whose lease ran out: the same attempt, the same request, replayed. */
    public Charge reclaimed(Instant leaseUntil) {
        return new Charge(id, orderId, amount, ChargeStatus.PENDING, stripeId, stripeRefundId, attempt, token,
                leaseUntil, failure, version + 1);
    }

    /** A new attempt after a decline, with {@code token}. */
    public Charge retried(String token, Instant leaseUntil) {
        return new Charge(id, orderId, amount, ChargeStatus.PENDING, null, null, attempt + 1, token, leaseUntil,
                null, version + 1);
    }

    public Charge succeeded(String stripeId) {
        return new Charge(id, orderId, amount, ChargeStatus.SUCCEEDED, stripeId, null, attempt, token, null, null,
                version + 1);
    }

    public Charge declined(String reason) {
        return new Charge(id, orderId, amount, ChargeStatus.DECLINED, stripeId, null, attempt, token, null, reason,
                version + 1);
    }

    /** Still pending, its lease released: the outcome is unknown and the next request replays it. */
    public Charge released(String reason) {
        return new Charge(id, orderId, amount, ChargeStatus.PENDING, stripeId, null, attempt, token, null, reason,
                version + 1);
    }

    public Charge refunded(String stripeRefundId) {
        return new Charge(id, orderId, amount, ChargeStatus.REFUNDED, stripeId, stripeRefundId, attempt, token, null,
                failure, version + 1);
    }
}
