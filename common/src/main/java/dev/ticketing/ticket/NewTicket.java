package dev.ticketing.ticket;

/** A signed-in user's request to list a ticket. */
public record NewTicket(String userId, TicketDetails details) {
}
