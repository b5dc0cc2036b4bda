package dev.ticketing.charge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.payments.*}: how long a request keeps the charge it claimed ({@code lease}); how long
 * after an order was placed an order unknown here may still be on its way ({@code order-lag}), and how
 * long a payment for such an order waits for its {@code order.created} before answering 404 as for any
 * unknown order ({@code order-wait}).
 */
@ConfigurationProperties("ticketing.payments")
record PaymentsProperties(@DefaultValue("3m") Duration lease, @DefaultValue("30s") Duration orderLag,
        @DefaultValue("2s") Duration orderWait) {
}
