package dev.ticketing.completeorder;

import dev.ticketing.testing.ContextBoundary;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void usesOnlyTheOrderContext() {
        ContextBoundary.check("dev.ticketing.completeorder", "order");
    }
}
