package dev.ticketing.event;

import java.math.BigDecimal;

/**
 * A ticket changed: edited, reserved ({@code orderId} set) or released ({@code orderId} null).
 * Emitted by update-ticket; consumed by place-order/syncTicket.
 */
public record TicketUpdated(String id, long version, String title, BigDecimal price, String userId, String orderId)
        implements TicketEvent {

    public static final String TYPE = "dev.ticketing.ticket.updated";
}
