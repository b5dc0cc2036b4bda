package dev.ticketing.order;

import dev.ticketing.domain.RuleViolated;

/** A seller ordered a ticket it listed itself. */
public final class OwnTicket extends RuleViolated {

    public OwnTicket() {
        super("You cannot order your own ticket");
    }
}
