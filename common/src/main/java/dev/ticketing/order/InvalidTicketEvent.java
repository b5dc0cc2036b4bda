package dev.ticketing.order;

import dev.ticketing.domain.RuleViolated;

/** A {@code ticket.created} / {@code ticket.updated} without the id, version, title or price a ticket view needs. */
public final class InvalidTicketEvent extends RuleViolated {

    public InvalidTicketEvent() {
        super("A ticket event needs an id, a version of 0 or more, a title and a price");
    }
}
