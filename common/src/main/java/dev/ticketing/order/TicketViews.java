package dev.ticketing.order;

import java.util.Optional;

/** The orders context's ticket views, in the orders database. */
public interface TicketViews {

    /** The ticket, or empty when this context never heard of it (or the id is malformed). */
    Optional<TicketView> byId(String id);

    /** The ticket with who listed it, or empty as {@link #byId}. */
    Optional<Listing> listing(String id);

    /** Stores a ticket this context did not know; false, changing nothing, when it is known already. */
    boolean addFirst(Listing listing);

    /**
     * Replaces the stored ticket when it is at version {@code ticket.version() - 1}; false, changing
     * nothing, otherwise (unknown, already newer, or a version in between is missing).
     */
    boolean replace(Listing listing);
}
