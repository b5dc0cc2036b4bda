package dev.ticketing.ticket;

/** A signed-in user's request to change the title and price of ticket {@code ticketId}. */
public record TicketEdit(String ticketId, String userId, TicketDetails details) {
}
