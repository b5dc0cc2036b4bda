package dev.ticketing.event;

/** The buyer cancelled an order. Emitted by cancel-order; consumed by releaseTicket and charge/syncOrder. */
public record OrderCancelled(String id, long version, TicketRef ticket) implements OrderEnded {

    public static final String TYPE = "dev.ticketing.order.cancelled";
}
