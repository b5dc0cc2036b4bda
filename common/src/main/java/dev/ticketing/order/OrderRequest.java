package dev.ticketing.order;

/** A signed-in user naming one of its orders ({@code GET} / {@code DELETE /api/orders/{id}}). */
public record OrderRequest(String userId, String orderId) {
}
