package dev.ticketing.payment.stripe;

/** {@code STRIPE_KEY} is not set: the charge function refuses to start without the Stripe secret key. */
public final class MissingStripeKey extends IllegalStateException {

    public MissingStripeKey() {
        super("STRIPE_KEY is not set: the charge function needs the Stripe secret key in the environment variable "
                + "STRIPE_KEY (on a cluster from the secret stripe-secret)");
    }
}
