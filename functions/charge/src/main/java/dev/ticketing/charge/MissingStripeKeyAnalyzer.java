package dev.ticketing.charge;

import dev.ticketing.payment.stripe.MissingStripeKey;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing {@code STRIPE_KEY} into a startup report that says what to set. */
class MissingStripeKeyAnalyzer extends AbstractFailureAnalyzer<MissingStripeKey> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingStripeKey cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set STRIPE_KEY to the Stripe secret key (live or test mode). On a cluster it comes from "
                        + "the secret stripe-secret; on the local platform use a test key such as sk_test_fake with "
                        + "STRIPE_API_BASE pointing at the Stripe stand-in.",
                cause);
    }
}
