package dev.ticketing.browsetickets;

import dev.ticketing.testing.ContextBoundary;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void usesOnlyTheTicketContext() {
        ContextBoundary.check("dev.ticketing.browsetickets", "ticket");
    }
}
