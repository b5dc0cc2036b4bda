package dev.ticketing.event;

/** An order went unpaid past its window. Emitted by expire-order; consumed by releaseTicket and charge/syncOrder. */
public record OrderExpired(String id, long version, TicketRef ticket) implements OrderEnded {

    public static final String TYPE = "dev.ticketing.order.expired";
}
