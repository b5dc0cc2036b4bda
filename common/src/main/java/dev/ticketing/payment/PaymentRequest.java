package dev.ticketing.payment;

/**
 * One payment to create and confirm at the provider: {@code amount} in the smallest unit of
 * {@code currency}, paid with {@code token} (a card token {@code tok_...} or a payment method
 * {@code pm_...}). Two requests with the same {@code idempotencyKey} take the money at most once.
 */
public record PaymentRequest(String idempotencyKey, long amount, String currency, String token, String orderId) {
}
