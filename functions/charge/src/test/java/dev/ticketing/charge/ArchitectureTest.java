package dev.ticketing.charge;

import dev.ticketing.testing.ContextBoundary;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void usesOnlyThePaymentContext() {
        ContextBoundary.check("dev.ticketing.charge", "payment");
    }
}
