package dev.ticketing.payment;

import dev.ticketing.domain.Unavailable;

/** The provider failed or could not be reached; whether money was taken is unknown until a replay. */
public final class PaymentProviderUnavailable extends Unavailable {

    public PaymentProviderUnavailable(String message) {
        super(message);
    }
}
