package dev.ticketing.order;

/** A signed-in buyer's request to order a ticket ({@code POST /api/orders {ticketId}}). */
public record PlaceOrder(String userId, String ticketId) {
}
