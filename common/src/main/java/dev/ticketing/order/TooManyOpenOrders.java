package dev.ticketing.order;

import dev.ticketing.domain.RuleViolated;

/**
 * The buyer already holds as many unpaid, unexpired orders as one buyer may: one of them must be paid,
 * cancelled or expire first (so that nobody can keep a whole event's tickets locked).
 */
public final class TooManyOpenOrders extends RuleViolated {

    public TooManyOpenOrders(int limit) {
        super("You already have " + limit + " open orders: pay or cancel one before ordering again");
    }
}
