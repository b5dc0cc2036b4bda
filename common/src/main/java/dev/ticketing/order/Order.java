package dev.ticketing.order;

import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCompleted;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketRef;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A buyer's order for one ticket. {@code version} starts at 0 and grows by one with each status
 * change; {@code ticket} is the ticket as it was when the order was placed.
 */
public record Order(String id, String userId, OrderStatus status, Instant placedAt, Instant expiresAt, long version,
        TicketView ticket) {

    /** The currency of every price (the tickets context prices in US dollars). */
    public static final String CURRENCY = "usd";

    /**
     * Whether {@code amount} of {@code currency}'s smallest unit is this order's price (rounded half-up
     * to cents, as the payments context charges it).
     */
    public boolean costs(long amount, String currency) {
        return CURRENCY.equals(currency)
                && ticket.price().movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact() == amount;
    }

    public boolean ownedBy(String userId) {
        return this.userId.equals(userId);
    }

    /** This order, cancelled (by its buyer or by expiry): one version later. */
    public Order cancelled() {
        return withStatus(OrderStatus.CANCELLED);
    }

    /** This order, paid: one version later. */
    public Order completed() {
        return withStatus(OrderStatus.COMPLETE);
    }

    private Order withStatus(OrderStatus next) {
        if (status != OrderStatus.CREATED) {
            throw new IllegalStateException("Order " + id + " is " + status.value() + ", not created");
        }
        return new Order(id, userId, next, placedAt, expiresAt, version + 1, ticket);
    }

    public OrderView view() {
        return new OrderView(id, status.value(), expiresAt, userId, version, ticket);
    }

    OrderCreated createdEvent() {
        return new OrderCreated(id, version, status.value(), userId, expiresAt, new TicketRef(ticket.id(), ticket.price()));
    }

    OrderCancelled cancelledEvent() {
        return new OrderCancelled(id, version, TicketRef.of(ticket.id()));
    }

    OrderExpired expiredEvent() {
        return new OrderExpired(id, version, TicketRef.of(ticket.id()));
    }

    OrderCompleted completedEvent() {
        return new OrderCompleted(id, version, TicketRef.of(ticket.id()));
    }
}
