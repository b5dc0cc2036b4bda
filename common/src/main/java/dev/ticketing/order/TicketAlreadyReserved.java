package dev.ticketing.order;

import dev.ticketing.domain.RuleViolated;

/** The ticket has a live order ({@code created} or {@code complete}); at most one may exist per ticket. */
public final class TicketAlreadyReserved extends RuleViolated {

    public TicketAlreadyReserved() {
        super("Ticket is already reserved");
    }
}
