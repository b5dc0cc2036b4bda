package dev.ticketing.placeorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How {@code ORDER_EXPIRATION_WINDOW} (through {@code ticketing.orders.expiration-window}) is read. */
class OrderSettingsTest {

    static OrderSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ticketing.orders", OrderSettings.class);
    }

    static Duration window(String text) {
        return bind(Map.of("ticketing.orders.expiration-window", text)).expirationWindow();
    }

    @Test
    void defaultsToFifteenMinutesAndFiveOpenOrders() {
        OrderSettings settings = bind(Map.of());
        assertThat(settings.expirationWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.maxOpenPerBuyer()).isEqualTo(5);
        // ORDER_EXPIRATION_WINDOW set but empty
        assertThat(window("")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void readsSecondsAsTheOriginalAppDidAUnitOrIso8601() {
        assertThat(window("900")).isEqualTo(Duration.ofSeconds(900));
        assertThat(window("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(window("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(window("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(window("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(window("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(window("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
    }
}
