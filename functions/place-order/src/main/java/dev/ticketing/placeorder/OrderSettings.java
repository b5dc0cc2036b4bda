package dev.ticketing.placeorder;

import dev.ticketing.order.OrderService;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * {@code ticketing.orders.*}: {@code max-open-per-buyer} ({@code TICKETING_ORDERS_MAX_OPEN_PER_BUYER}),
 * how many open orders (unpaid and not expired) one buyer may hold at once, default
 * {@value OrderService#DEFAULT_MAX_OPEN_ORDERS}; {@code expiration-window} ({@code ORDER_EXPIRATION_WINDOW}),
 * how long a placed order holds its ticket: seconds ({@code 900}, as the original app's
 * {@code EXPIRATION_WINDOW_SECONDS}), a number with a unit ({@code 15m}) or ISO-8601 ({@code PT15M}),
 * default 15 minutes; the order service refuses one that is not positive, so the function does not start.
 */
@ConfigurationProperties("ticketing.orders")
record OrderSettings(
        @DefaultValue("" + OrderService.DEFAULT_MAX_OPEN_ORDERS) int maxOpenPerBuyer,
        @DefaultValue("15m") @DurationUnit(ChronoUnit.SECONDS) Duration expirationWindow) {
}
