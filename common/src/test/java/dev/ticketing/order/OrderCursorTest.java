package dev.ticketing.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderCursorTest {

    @Test
    void roundTripsThroughItsTextForm() {
        OrderCursor cursor = new OrderCursor(Instant.parse("2026-03-01T10:00:00.123Z"), "0123456789abcdef01234567");
        assertThat(cursor.text()).isEqualTo("1772359200123_0123456789abcdef01234567");
        assertThat(OrderCursor.parse(cursor.text())).contains(cursor);
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : new String[] {"", "abc", "123", "123_", "_0123456789abcdef01234567", "12a_0123456789abcdef01234567",
            "1_0123456789abcdef0123456", "1_0123456789abcdef01234567x", "1_0123456789abcdef0123456g"}) {
            assertThat(OrderCursor.parse(bad)).as(bad).isEmpty();
        }
        assertThat(OrderCursor.parse(null)).isEmpty();
    }
}
