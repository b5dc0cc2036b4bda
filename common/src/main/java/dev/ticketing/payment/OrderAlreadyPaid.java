package dev.ticketing.payment;

import dev.ticketing.domain.RuleViolated;

/** Paying an order that has a successful charge (or is complete): an order is paid once. */
public final class OrderAlreadyPaid extends RuleViolated {

    public OrderAlreadyPaid() {
        super("Order already paid");
    }
}
