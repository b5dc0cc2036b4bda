package dev.ticketing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentOrderTest {

    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    static PaymentOrder order(String price, OrderStatus status, Instant expiresAt) {
        return new PaymentOrder("o1", "u1", new BigDecimal(price), status, 0, expiresAt);
    }

    @Test
    void chargesThePriceInCents() {
        assertThat(order("20", OrderStatus.CREATED, null).amountInCents()).isEqualTo(2000);
        assertThat(order("10.5", OrderStatus.CREATED, null).amountInCents()).isEqualTo(1050);
        assertThat(order("99.99", OrderStatus.CREATED, null).amountInCents()).isEqualTo(9999);
        assertThat(order("0.015", OrderStatus.CREATED, null).amountInCents()).isEqualTo(2);
        assertThat(order("123456.78", OrderStatus.CREATED, null).amountInCents()).isEqualTo(12345678);
    }

    @Test
    void paysACreatedOrderBeforeItExpires() {
        assertThatNoException().isThrownBy(
                () -> order("20", OrderStatus.CREATED, NOW.plusSeconds(1)).checkPayable(NOW));
        assertThatNoException().isThrownBy(() -> order("20", OrderStatus.CREATED, null).checkPayable(NOW));
    }

    @Test
    void refusesCancelledAndExpiredOrders() {
        assertThatThrownBy(() -> order("20", OrderStatus.CANCELLED, NOW.plusSeconds(60)).checkPayable(NOW))
                .isInstanceOf(OrderNotPayable.class).hasMessage("Cannot pay for a cancelled order");
        assertThatThrownBy(() -> order("20", OrderStatus.EXPIRED, NOW.plusSeconds(60)).checkPayable(NOW))
                .isInstanceOf(OrderNotPayable.class).hasMessage("Cannot pay for an expired order");
    }

    @Test
    void refusesAnOrderPastItsExpiryEvenBeforeTheExpiryRan() {
        assertThatThrownBy(() -> order("20", OrderStatus.CREATED, NOW).checkPayable(NOW))
                .isInstanceOf(OrderNotPayable.class).hasMessage("Cannot pay for an expired order");
        assertThatThrownBy(() -> order("20", OrderStatus.CREATED, NOW.minusSeconds(1)).checkPayable(NOW))
                .isInstanceOf(OrderNotPayable.class);
    }

    @Test
    void refusesACompletedOrderAsAlreadyPaid() {
        assertThatThrownBy(() -> order("20", OrderStatus.COMPLETE, NOW.plusSeconds(60)).checkPayable(NOW))
                .isInstanceOf(OrderAlreadyPaid.class).hasMessage("Order already paid");
    }

    @Test
    void onlyCancelledAndExpiredOrdersEndedUnpaid() {
        assertThat(OrderStatus.CANCELLED.endedUnpaid()).isTrue();
        assertThat(OrderStatus.EXPIRED.endedUnpaid()).isTrue();
        assertThat(OrderStatus.CREATED.endedUnpaid()).isFalse();
        assertThat(OrderStatus.COMPLETE.endedUnpaid()).isFalse();
    }
}
