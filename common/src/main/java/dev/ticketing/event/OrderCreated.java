package dev.ticketing.event;

import java.time.Instant;

/**
 * An order was placed and locks its ticket until {@code expiresAt}. Emitted by place-order;
 * consumed by update-ticket/reserveTicket, expire-order/scheduleExpiry and charge/syncOrder.
 */
public record OrderCreated(String id, long version, String status, String userId, Instant expiresAt, TicketRef ticket)
        implements OrderEvent {

    public static final String TYPE = "dev.ticketing.order.created";
}
