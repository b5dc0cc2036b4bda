package dev.ticketing.payment;

/** A signed-in user's request to pay {@code orderId} with a card {@code token} (or payment method id). */
public record ChargeRequest(String userId, String orderId, String token) {
}
