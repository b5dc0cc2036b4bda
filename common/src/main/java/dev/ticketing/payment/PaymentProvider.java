package dev.ticketing.payment;

/** The payment provider (Stripe in production). */
public interface PaymentProvider {

    /**
     * Creates and confirms a payment; returns the provider's payment id once the money is taken.
     *
     * @throws PaymentDeclined the card was declined: nothing was taken
     * @throws PaymentRejected the provider refused the request as invalid: nothing was taken
     * @throws PaymentProviderUnavailable the provider failed or could not be reached: the outcome is
     *     unknown, and only a replay with the same idempotency key may learn it
     */
    String pay(PaymentRequest request);

    /**
     * Gives back the whole {@code amount} of payment {@code paymentId}; returns the refund's id. The
     * same {@code idempotencyKey} refunds at most once.
     *
     * @throws PaymentProviderUnavailable the provider failed or could not be reached
     */
    String refund(String paymentId, long amount, String idempotencyKey);
}
