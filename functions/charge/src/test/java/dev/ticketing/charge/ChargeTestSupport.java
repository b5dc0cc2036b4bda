package dev.ticketing.charge;

import dev.ticketing.testing.FakeStripe;
import dev.ticketing.testing.FunctionTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Points the function under test at the shared {@link FakeStripe} (through {@code STRIPE_API_BASE},
 * as the local platform does) and resets it before each test; subclasses add
 * {@code @FunctionTest(properties = "STRIPE_KEY=sk_test_fake")} and so share one application context.
 */
abstract class ChargeTestSupport extends FunctionTestSupport {

    static final FakeStripe STRIPE = FakeStripe.shared();

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("STRIPE_API_BASE", STRIPE::url);
    }

    @BeforeEach
    void resetStripe() {
        STRIPE.reset();
    }
}
