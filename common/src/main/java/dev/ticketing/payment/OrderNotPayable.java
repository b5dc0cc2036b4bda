package dev.ticketing.payment;

import dev.ticketing.domain.RuleViolated;

/** Paying an order that was cancelled or expired, or is past its {@code expiresAt}. */
public final class OrderNotPayable extends RuleViolated {

    public OrderNotPayable(String message) {
        super(message);
    }
}
