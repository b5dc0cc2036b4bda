package dev.ticketing.payment.stripe;

import java.time.Duration;

/**
 * How to reach Stripe: the secret key ({@code STRIPE_KEY}, from the environment only), the API base
 * ({@code STRIPE_API_BASE}: Stripe's own unless a stand-in is used), network retries of one call
 * (made with the same idempotency key) and timeouts.
 */
public record StripeSettings(String apiKey, String apiBase, int maxNetworkRetries, Duration connectTimeout,
        Duration readTimeout) {

    public static final String LIVE_API_BASE = "https://api.stripe.com";

    /** @throws MissingStripeKey without a key: a charge function must not start without one */
    public StripeSettings {
        if (apiKey == null || apiKey.isBlank()) {
            throw new MissingStripeKey();
        }
        apiKey = apiKey.trim();
        apiBase = apiBase == null || apiBase.isBlank() ? LIVE_API_BASE : apiBase.trim();
        if (maxNetworkRetries < 0) {
            throw new IllegalArgumentException("Stripe network retries must not be negative");
        }
    }

    @Override
    public String toString() {
        // never log the key
        return "StripeSettings[apiBase=" + apiBase + ", maxNetworkRetries=" + maxNetworkRetries + "]";
    }
}
