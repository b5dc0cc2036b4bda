package dev.ticketing.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.payment.PaymentDeclined;
import dev.ticketing.payment.PaymentProviderUnavailable;
import dev.ticketing.payment.PaymentRejected;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.testing.FakeStripe;
import dev.ticketing.testing.FakeStripe.Mode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real stripe-java client against {@link FakeStripe}. */
class StripePaymentProviderTest {

    static FakeStripe stripe;
    StripePaymentProvider provider;

    @BeforeAll
    static void startStripe() {
        stripe = FakeStripe.start();
    }

    @AfterAll
    static void stopStripe() {
        stripe.close();
    }

    @BeforeEach
    void setUp() {
        stripe.reset();
        provider = provider(0);
    }

    StripePaymentProvider provider(int retries) {
        return new StripePaymentProvider(new StripeSettings("sk_test_fake", stripe.url(), retries,
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    static PaymentRequest request(String key, String token) {
        return new PaymentRequest(key, 2000, "usd", token, "order-" + key);
    }

    @Test
    void paysACardTokenWithAConfirmedPaymentIntentInCents() {
        String id = provider.pay(request("k1", "tok_visa"));

        assertThat(id).startsWith("pi_");
        FakeStripe.PaymentIntent intent = stripe.paymentIntents().getFirst();
        assertThat(intent.id()).isEqualTo(id);
        assertThat(intent.amount()).isEqualTo(2000);
        assertThat(intent.currency()).isEqualTo("usd");
        assertThat(intent.status()).isEqualTo("succeeded");
        assertThat(intent.idempotencyKey()).isEqualTo("k1");
        assertThat(intent.metadata()).containsEntry("orderId", "order-k1");
        FakeStripe.Call call = stripe.calls().getFirst();
        assertThat(call.path()).isEqualTo("/v1/payment_intents");
        assertThat(call.params()).containsEntry("confirm", "true")
                .containsEntry("payment_method_data[type]", "card")
                .containsEntry("payment_method_data[card][token]", "tok_visa");
    }

    @Test
    void paysAPaymentMethod() {
        String id = provider.pay(request("k1", "pm_card_visa"));

        assertThat(stripe.succeededPayments()).extracting(FakeStripe.PaymentIntent::id).containsExactly(id);
        assertThat(stripe.calls().getFirst().params()).containsEntry("payment_method", "pm_card_visa");
    }

    @Test
    void aDeclinedCardIsRefusedWithStripesMessage() {
        assertThatThrownBy(() -> provider.pay(request("k1", "tok_chargeDeclined")))
                .isInstanceOf(PaymentDeclined.class).hasMessage("Your card was declined.");
        assertThatThrownBy(() -> provider.pay(request("k2", "pm_card_chargeDeclinedInsufficientFunds")))
                .isInstanceOf(PaymentDeclined.class).hasMessage("Your card has insufficient funds.");
        assertThat(stripe.succeededPayments()).isEmpty();
    }

    @Test
    void anUnknownTokenOrTooSmallAmountIsRejected() {
        assertThatThrownBy(() -> provider.pay(request("k1", "tok_nope")))
                .isInstanceOf(PaymentRejected.class).hasMessage("No such token: 'tok_nope'");
        assertThatThrownBy(() -> provider.pay(new PaymentRequest("k2", 49, "usd", "tok_visa", "o")))
                .isInstanceOf(PaymentRejected.class).hasMessage("Amount must be at least $0.50 usd");
    }

    @Test
    void aReplayedKeyReturnsTheFirstPaymentWithoutChargingAgain() {
        String first = provider.pay(request("k1", "tok_visa"));
        String again = provider.pay(request("k1", "tok_visa"));

        assertThat(again).isEqualTo(first);
        assertThat(stripe.paymentIntents()).hasSize(1);
        assertThat(stripe.calls()).extracting(FakeStripe.Call::replayed).containsExactly(false, true);
    }

    @Test
    void aReplayedDeclineIsDeclinedAgain() {
        assertThatThrownBy(() -> provider.pay(request("k1", "tok_chargeDeclined"))).isInstanceOf(PaymentDeclined.class);
        assertThatThrownBy(() -> provider.pay(request("k1", "tok_chargeDeclined")))
                .isInstanceOf(PaymentDeclined.class).hasMessage("Your card was declined.");
        assertThat(stripe.paymentIntents()).hasSize(1);
    }

    @Test
    void aServerErrorIsUnavailableAndRetriedWithTheSameKey() {
        stripe.mode(Mode.SERVER_ERROR);

        assertThatThrownBy(() -> provider(2).pay(request("k1", "tok_visa")))
                .isInstanceOf(PaymentProviderUnavailable.class);

        assertThat(stripe.calls()).hasSize(3).allMatch(c -> c.status() == 500 && "k1".equals(c.idempotencyKey()));
        assertThat(stripe.paymentIntents()).isEmpty();
    }

    @Test
    void anUnreachableStripeIsUnavailable() {
        stripe.mode(Mode.UNREACHABLE);

        assertThatThrownBy(() -> provider.pay(request("k1", "tok_visa")))
                .isInstanceOf(PaymentProviderUnavailable.class);
        assertThatThrownBy(() -> provider.refund("pi_1", 100, "r1")).isInstanceOf(PaymentProviderUnavailable.class);

        stripe.mode(Mode.NORMAL);
        assertThat(provider.pay(request("k1", "tok_visa"))).startsWith("pi_");
    }

    @Test
    void aPaymentWhoseAnswerWasLostIsLearntByReplayingItsKey() {
        stripe.mode(Mode.DROP_RESPONSES);
        assertThatThrownBy(() -> provider.pay(request("k1", "tok_visa")))
                .isInstanceOf(PaymentProviderUnavailable.class);
        assertThat(stripe.succeededPayments()).hasSize(1);

        stripe.mode(Mode.NORMAL);
        String id = provider.pay(request("k1", "tok_visa"));

        assertThat(stripe.succeededPayments()).extracting(FakeStripe.PaymentIntent::id).containsExactly(id);
    }

    @Test
    void refundsAPaymentOnceForOneKey() {
        String payment = provider.pay(request("k1", "tok_visa"));

        String refund = provider.refund(payment, 2000, "refund-1");
        String again = provider.refund(payment, 2000, "refund-1");

        assertThat(refund).startsWith("re_").isEqualTo(again);
        assertThat(stripe.refunds()).hasSize(1);
        assertThat(stripe.refunds().getFirst().paymentIntent()).isEqualTo(payment);
        assertThat(stripe.refunds().getFirst().amount()).isEqualTo(2000);
        assertThatThrownBy(() -> provider.refund(payment, 2000, "refund-2"))
                .isInstanceOf(PaymentProviderUnavailable.class);
    }

    @Test
    void aKeyStripeRefusesMakesPaymentsUnavailable() {
        StripePaymentProvider publishable = new StripePaymentProvider(new StripeSettings("pk_test_wrong", stripe.url(),
                0, Duration.ofSeconds(2), Duration.ofSeconds(5)));

        assertThatThrownBy(() -> publishable.pay(request("k1", "tok_visa")))
                .isInstanceOf(PaymentProviderUnavailable.class);
        assertThat(stripe.calls().getFirst().status()).isEqualTo(401);
    }

    @Test
    void settingsWithoutAKeyFailClearly() {
        assertThatThrownBy(() -> new StripeSettings(" ", null, 0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(MissingStripeKey.class).hasMessageContaining("STRIPE_KEY is not set");
        assertThat(new StripeSettings("sk_test_x", "", 0, Duration.ofSeconds(1), Duration.ofSeconds(1)).apiBase())
                .isEqualTo("https://api.stripe.com");
        assertThat(new StripeSettings("sk_test_secret", null, 0, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .toString()).doesNotContain("sk_test_secret");
    }
}
