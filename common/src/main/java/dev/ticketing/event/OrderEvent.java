package dev.ticketing.event;

/** Every event about an order: what the payments context's order view (charge/syncOrder) consumes. */
public sealed interface OrderEvent extends Event permits OrderCreated, OrderEnded, OrderCompleted {

    String id();

    long version();

    /** The order's ticket; events other than {@code order.created} carry its id only. */
    TicketRef ticket();

    @Override
    default String aggregateId() {
        return id();
    }
}
