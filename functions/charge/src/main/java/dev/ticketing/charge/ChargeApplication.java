package dev.ticketing.charge;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/**
 * The charge function: pays orders through Stripe and keeps the payments context's order view
 * (Knative Service {@code charge}). Needs {@code STRIPE_KEY}; {@code STRIPE_API_BASE} points it at a
 * Stripe stand-in.
 */
@FunctionApplication
public class ChargeApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChargeApplication.class, args);
    }
}
