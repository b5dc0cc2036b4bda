package dev.ticketing.ticket;

import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A listed ticket. {@code orderId} is the order that reserves it (null while free); {@code version}
 * counts its changes (0 when listed, + 1 per edit, reservation and release); {@code endedOrderIds}
 * are the orders known to have ended (cancelled or expired), so a late or repeated event about one of
 * them never reserves or releases the ticket again.
 */
public record Ticket(String id, String title, Price price, String userId, String orderId, long version,
        Instant createdAt, Set<String> endedOrderIds) {

    public Ticket {
        endedOrderIds = Set.copyOf(endedOrderIds);
    }

    /** A newly listed ticket, version 0. */
    public static Ticket listed(String id, TicketDetails.Valid details, String userId, Instant createdAt) {
        return new Ticket(id, details.title(), details.price(), userId, null, 0, createdAt, Set.of());
    }

    public boolean reserved() {
        return orderId != null;
    }

    public boolean ownedBy(String userId) {
        return this.userId.equals(userId);
    }

    /** Whether {@code orderId} is known to have ended. */
    public boolean hasEnded(String orderId) {
        return endedOrderIds.contains(orderId);
    }

    Ticket edited(TicketDetails.Valid details) {
        return new Ticket(id, details.title(), details.price(), userId, orderId, version + 1, createdAt,
                endedOrderIds);
    }

    Ticket reservedBy(String order) {
        return new Ticket(id, title, price, userId, order, version + 1, createdAt, endedOrderIds);
    }

    /** Free again; the releasing order is remembered as ended. */
    Ticket released() {
        Set<String> ended = new LinkedHashSet<>(endedOrderIds);
        ended.add(orderId);
        return new Ticket(id, title, price, userId, null, version + 1, createdAt, ended);
    }

    public TicketView view() {
        return new TicketView(id, title, price.amount(), userId, version, orderId);
    }

    /** {@code ticket.created} of this (version 0) ticket. */
    public TicketCreated created() {
        return new TicketCreated(id, version, title, price.amount(), userId);
    }

    /** {@code ticket.updated} announcing this state; empty at version 0, announced by {@link #created()}. */
    public Optional<TicketUpdated> updated() {
        return version == 0 ? Optional.empty()
                : Optional.of(new TicketUpdated(id, version, title, price.amount(), userId, orderId));
    }
}
