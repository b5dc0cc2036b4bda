package dev.ticketing.ticket;

import dev.ticketing.domain.RuleViolated;

/** An edit of a ticket an order reserves: refused until the order ends. */
public final class ReservedTicketNotEditable extends RuleViolated {

    public ReservedTicketNotEditable() {
        super("Cannot edit a reserved ticket");
    }
}
