package dev.ticketing.event;

/** An order was paid. Emitted by complete-order; consumed by charge/syncOrder. */
public record OrderCompleted(String id, long version, TicketRef ticket) implements OrderEvent {

    public static final String TYPE = "dev.ticketing.order.completed";
}
