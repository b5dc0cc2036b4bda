package dev.ticketing.ticket;

import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import java.util.List;
import java.util.Optional;

/**
 * The tickets database. Each write stores the event it owes in the same atomic update
 * (docs/architecture.md#outbox); every write but {@link #add} is conditional on the version it was
 * decided on and throws {@code ConcurrentModification} when the ticket changed in between.
 */
public interface Tickets {

    String nextId();

    /** The ticket {@code id}; empty when unknown or when {@code id} cannot name a ticket. */
    Optional<Ticket> byId(String id);

    /**
     * The ticket {@code id} as readers see it (no write bookkeeping), read for display only; empty
     * when unknown or when {@code id} cannot name a ticket.
     */
    Optional<TicketView> view(String id);

    void add(Ticket ticket, TicketCreated event);

    /**
     * Saves {@code changed} over version {@code changed.version() - 1}. Refuses (as a concurrent change)
     * to reserve the ticket for an order recorded as ended meanwhile.
     */
    void save(Ticket changed, TicketUpdated event);

    /** Remembers that {@code orderId} ended, without a new version, if {@code ticket} is still current. */
    void recordEndedOrder(Ticket ticket, String orderId);

    /** Owes {@code event} (announcing {@code ticket}'s state) again, if {@code ticket} is still current. */
    void republish(Ticket ticket, TicketUpdated event);

    /** Up to {@code limit} unreserved tickets, newest first, after {@code after} (null: from the newest). */
    List<Ticket> available(int limit, TicketCursor after);
}
