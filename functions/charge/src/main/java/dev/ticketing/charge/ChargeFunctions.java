package dev.ticketing.charge;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutboxCollections;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderEvent;
import dev.ticketing.payment.ChargeReceipt;
import dev.ticketing.payment.ChargeRequest;
import dev.ticketing.payment.PaymentProvider;
import dev.ticketing.payment.PaymentService;
import dev.ticketing.payment.store.MongoPayments;
import dev.ticketing.payment.store.PaymentDocumentTypes;
import dev.ticketing.payment.stripe.StripePaymentProvider;
import dev.ticketing.payment.stripe.StripeSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** The function beans of this module and the use case they adapt. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsProperties.class)
class ChargeFunctions {

    /** Fails startup without {@code STRIPE_KEY} ({@link MissingStripeKeyAnalyzer} says so). */
    @Bean
    StripeSettings stripeSettings(@Value("${ticketing.stripe.key:}") String key,
            @Value("${ticketing.stripe.api-base:}") String apiBase,
            @Value("${ticketing.stripe.max-network-retries:2}") int retries,
            @Value("${ticketing.stripe.connect-timeout:5s}") Duration connectTimeout,
            @Value("${ticketing.stripe.read-timeout:20s}") Duration readTimeout) {
        return new StripeSettings(key, apiBase, retries, connectTimeout, readTimeout);
    }

    @Bean
    PaymentProvider paymentProvider(StripeSettings settings) {
        return new StripePaymentProvider(settings);
    }

    @Bean
    PaymentService paymentService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox,
            PaymentProvider provider, Clock clock, PaymentsProperties properties) {
        return new PaymentService(new MongoPayments(mongo, envelopes, outbox).ensureIndexes(), provider, clock,
                properties.lease(), properties.orderLag(), properties.orderWait());
    }

    @Bean
    OutboxCollections outboxCollections() {
        return PaymentDocumentTypes.outbox();
    }

    /**
     * {@code POST /api/payments}: pays the caller's order through Stripe, emits {@code charge.created}
     * (and {@code charge.refunded} when the order ended while it was being paid).
     */
    @Bean
    Function<ChargeRequest, ChargeReceipt> charge(PaymentService payments) {
        return payments::charge;
    }

    /**
     * Consumes {@code order.created}, {@code order.cancelled}, {@code order.expired},
     * {@code order.completed} into the order view; emits {@code charge.refunded} when an order ended
     * after its charge succeeded.
     */
    @Bean
    Function<Message<OrderEvent>, Delivery> syncOrder(PaymentService payments) {
        return message -> payments.syncOrder(message.getPayload());
    }
}
