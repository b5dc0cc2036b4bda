/**
 * Order expiry: the delayed queue that unlocks unpaid tickets (docs/architecture.md#order-expiry). {@link
 * dev.ticketing.order.expiry.OrderExpiry} schedules each new order for its {@code expiresAt} and, on
 * each PingSource tick, claims the due entries under a lease and expires their orders. Plain Java; the
 * Redis adapter is in {@code redis}.
 */
package dev.ticketing.order.expiry;
