package dev.ticketing.signin;

import dev.ticketing.testing.ContextBoundary;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void usesOnlyTheAccountContext() {
        ContextBoundary.check("dev.ticketing.signin", "account");
    }
}
