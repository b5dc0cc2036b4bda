package dev.ticketing.event;

/** An order ended unpaid, by cancellation or expiry: what releaseTicket consumes. */
public sealed interface OrderEnded extends OrderEvent permits OrderCancelled, OrderExpired {
}
