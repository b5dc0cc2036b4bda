package dev.ticketing.charge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.payments.*}: how long a request keeps the charge it claimed ({@code lease}), and how
 * long after an order was placed a payment for an order this context has not heard of is answered
 * 503 + {@code Retry-After} ({@code order.created} still on its way) rather than 404 ({@code order-lag}).
 */
@ConfigurationProperties("ticketing.payments")
record PaymentsProperties(@DefaultValue("3m") Duration lease, @DefaultValue("30s") Duration orderLag) {
}
