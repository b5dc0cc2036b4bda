package dev.ticketing.order;

import java.math.BigDecimal;

/**
 * The orders context's copy of a ticket, kept in step with the tickets context by {@code ticket.created}
 * and {@code ticket.updated}; also the ticket an order embeds (as it was when the order was placed).
 */
public record TicketView(String id, String title, BigDecimal price, long version) {
}
