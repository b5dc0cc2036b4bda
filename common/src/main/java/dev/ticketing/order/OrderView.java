package dev.ticketing.order;

import java.time.Instant;

/** An order as the API returns it: {@code {id, status, expiresAt, userId, version, ticket: {id, title, price, version}}}. */
public record OrderView(String id, String status, Instant expiresAt, String userId, long version, TicketView ticket) {
}
