package dev.ticketing.payment;

import dev.ticketing.domain.DomainException;

/** The provider declined the card, with its own message ("Your card was declined."); nothing was taken. */
public final class PaymentDeclined extends DomainException {

    public PaymentDeclined(String message) {
        super(Kind.PAYMENT_REFUSED, message == null || message.isBlank() ? "Your card was declined." : message);
    }
}
