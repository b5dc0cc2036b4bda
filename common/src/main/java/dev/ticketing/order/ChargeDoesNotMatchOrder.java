package dev.ticketing.order;

import dev.ticketing.domain.RuleViolated;

/** A charge that is not for the order's price, in its currency, never completes the order. */
public final class ChargeDoesNotMatchOrder extends RuleViolated {

    public ChargeDoesNotMatchOrder() {
        super("The charge is not for this order's amount and currency");
    }
}
