package dev.ticketing.order;

import dev.ticketing.domain.RuleViolated;

/** A paid order cannot be cancelled (a deliberate fix over the original app). */
public final class OrderAlreadyComplete extends RuleViolated {

    public OrderAlreadyComplete() {
        super("Cannot cancel a complete order");
    }
}
