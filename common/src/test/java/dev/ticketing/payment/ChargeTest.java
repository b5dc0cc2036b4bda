package dev.ticketing.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChargeTest {

    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    static final PaymentOrder ORDER = new PaymentOrder("order-1", "u1", new BigDecimal("12.34"), OrderStatus.CREATED,
            0, NOW.plusSeconds(900));

    @Test
    void firstAttemptUsesTheOrderIdAsIdempotencyKey() {
        Charge charge = Charge.claim("c1", ORDER, "tok_visa", NOW.plusSeconds(60));

        assertThat(charge.idempotencyKey()).isEqualTo("order-1");
        assertThat(charge.amount()).isEqualTo(1234);
        assertThat(charge.status()).isEqualTo(ChargeStatus.PENDING);
        assertThat(charge.version()).isZero();
    }

    @Test
    void anAttemptAfterADeclineGetsANewKeyAndToken() {
        Charge declined = Charge.claim("c1", ORDER, "tok_chargeDeclined", NOW).declined("Your card was declined.");

        Charge retried = declined.retried("tok_visa", NOW.plusSeconds(60));

        assertThat(retried.idempotencyKey()).isEqualTo("order-1-attempt-2");
        assertThat(retried.token()).isEqualTo("tok_visa");
        assertThat(retried.status()).isEqualTo(ChargeStatus.PENDING);
        assertThat(retried.failure()).isNull();
        assertThat(retried.version()).isEqualTo(2);
    }

    @Test
    void anAttemptWithAnUnknownOutcomeIsReplayedUnchanged() {
        Charge released = Charge.claim("c1", ORDER, "tok_visa", NOW.plusSeconds(60)).released("timeout");

        assertThat(released.leaseExpired(NOW)).isTrue();
        Charge replay = released.reclaimed(NOW.plusSeconds(60));
        assertThat(replay.idempotencyKey()).isEqualTo("order-1");
        assertThat(replay.token()).isEqualTo("tok_visa");
        assertThat(replay.attempt()).isEqualTo(1);
    }

    @Test
    void aClaimIsHeldUntilItsLeaseRunsOut() {
        Charge claimed = Charge.claim("c1", ORDER, "tok_visa", NOW.plusSeconds(60));

        assertThat(claimed.leaseExpired(NOW)).isFalse();
        assertThat(claimed.leaseExpired(NOW.plusSeconds(59))).isFalse();
        assertThat(claimed.leaseExpired(NOW.plusSeconds(60))).isTrue();
        assertThat(claimed.succeeded("pi_1").leaseExpired(NOW.plusSeconds(600))).isFalse();
    }

    @Test
    void aRefundKeepsThePaymentAndNamesTheRefund() {
        Charge refunded = Charge.claim("c1", ORDER, "tok_visa", NOW).succeeded("pi_1").refunded("re_1");

        assertThat(refunded.status()).isEqualTo(ChargeStatus.REFUNDED);
        assertThat(refunded.stripeId()).isEqualTo("pi_1");
        assertThat(refunded.stripeRefundId()).isEqualTo("re_1");
        assertThat(refunded.refundKey()).isEqualTo("refund-c1");
        assertThat(refunded.version()).isEqualTo(2);
    }
}
