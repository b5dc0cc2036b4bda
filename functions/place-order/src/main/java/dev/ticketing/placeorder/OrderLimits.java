package dev.ticketing.placeorder;

import dev.ticketing.order.OrderService;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.orders.max-open-per-buyer} ({@code TICKETING_ORDERS_MAX_OPEN_PER_BUYER}): how many
 * open orders (unpaid and not expired) one buyer may hold at once; default
 * {@value OrderService#DEFAULT_MAX_OPEN_ORDERS}.
 */
@ConfigurationProperties("ticketing.orders")
record OrderLimits(@DefaultValue("" + OrderService.DEFAULT_MAX_OPEN_ORDERS) int maxOpenPerBuyer) {
}
