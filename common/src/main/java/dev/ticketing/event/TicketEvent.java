package dev.ticketing.event;

/** Every event about a ticket: what the orders context's ticket view (place-order/syncTicket) consumes. */
public sealed interface TicketEvent extends Event permits TicketCreated, TicketUpdated {

    String id();

    long version();

    @Override
    default String aggregateId() {
        return id();
    }
}
