package dev.ticketing.payment;

import dev.ticketing.domain.DomainException;

/** Another request is paying this order right now; retrying once it finished tells the outcome. */
public final class PaymentInProgress extends DomainException {

    public PaymentInProgress() {
        super(Kind.CONFLICT, "A payment for this order is already in progress");
    }
}
