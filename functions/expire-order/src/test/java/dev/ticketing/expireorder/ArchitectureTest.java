package dev.ticketing.expireorder;

import dev.ticketing.testing.ContextBoundary;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void usesOnlyTheOrderContext() {
        ContextBoundary.check("dev.ticketing.expireorder", "order");
    }
}
