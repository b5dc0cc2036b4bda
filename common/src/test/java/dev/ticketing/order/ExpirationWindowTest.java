package dev.ticketing.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpirationWindowTest {

    @Test
    void defaultsToFifteenMinutes() {
        assertThat(ExpirationWindow.parse(null)).isEqualTo(Duration.ofMinutes(15));
        assertThat(ExpirationWindow.parse(" ")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void readsSecondsUnitsAndIso8601() {
        assertThat(ExpirationWindow.parse("900")).isEqualTo(Duration.ofSeconds(900));
        assertThat(ExpirationWindow.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ExpirationWindow.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ExpirationWindow.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ExpirationWindow.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ExpirationWindow.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ExpirationWindow.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesNonsenseAndNonPositiveWindows() {
        for (String bad : new String[] {"0", "PT0S", "-5", "fifteen", "15 minutes", "PT-1M"}) {
            assertThatThrownBy(() -> ExpirationWindow.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
