package dev.ticketing.browseorders;

import dev.ticketing.testing.ContextBoundary;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void usesOnlyTheOrderContext() {
        ContextBoundary.check("dev.ticketing.browseorders", "order");
    }
}
