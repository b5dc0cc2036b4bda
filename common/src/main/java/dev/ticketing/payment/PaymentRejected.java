package dev.ticketing.payment;

import dev.ticketing.domain.RuleViolated;

/** The provider refused the payment request itself (unknown token, amount too small); nothing was taken. */
public final class PaymentRejected extends RuleViolated {

    public PaymentRejected(String message) {
        super(message == null || message.isBlank() ? "The payment was refused" : message);
    }
}
