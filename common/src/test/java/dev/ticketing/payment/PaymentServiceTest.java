package dev.ticketing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.EventPublisher;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutgoingEvent;
import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.ChargeRefunded;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCompleted;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketRef;
import dev.ticketing.payment.store.MongoPayments;
import dev.ticketing.payment.store.PaymentDocumentTypes;
import dev.ticketing.payment.stripe.StripePaymentProvider;
import dev.ticketing.payment.stripe.StripeSettings;
import dev.ticketing.testing.EmbeddedServers;
import dev.ticketing.testing.FakeStripe;
import dev.ticketing.testing.FakeStripe.Mode;
import dev.ticketing.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment use cases on their real adapters, without Spring: MongoDB (the embedded
 * MongoDB-compatible server) and stripe-java against {@link FakeStripe}.
 */
class PaymentServiceTest {

    static final String BUYER = "buyer-1";
    static MongoClient client;
    static FakeStripe stripe;

    final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T12:00:00Z"));
    final List<OutgoingEvent> published = new CopyOnWriteArrayList<>();
    MongoTemplate mongo;
    Payments payments;
    PaymentProvider provider;
    PaymentService service;

    @BeforeAll
    static void startServers() {
        client = MongoClients.create(EmbeddedServers.mongoUri());
        stripe = FakeStripe.start();
    }

    @AfterAll
    static void stopServers() {
        client.close();
        stripe.close();
    }

    @BeforeEach
    void setUp() {
        stripe.reset();
        mongo = new MongoTemplate(client, "payment_service_test");
        mongo.getDb().drop();
        EventPublisher publisher = new EventPublisher() {
            @Override
            public void publish(OutgoingEvent event) {
                published.add(event);
            }

            @Override
            public String describe() {
                return "a list";
            }
        };
        payments = new MongoPayments(mongo, new EventEnvelopes(JsonMapper.builder().build(), "/functions/charge", clock),
                new Outbox(mongo, publisher, PaymentDocumentTypes.outbox())).ensureIndexes();
        provider = new StripePaymentProvider(new StripeSettings("sk_test_fake", stripe.url(), 0, Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
        service = new PaymentService(payments, provider, clock, Duration.ofMinutes(2));
    }

    String placeOrder(String price) {
        String id = new ObjectId().toHexString();
        assertThat(service.syncOrder(created(id, price))).isEqualTo(Delivery.APPLIED);
        return id;
    }

    OrderCreated created(String id, String price) {
        return new OrderCreated(id, 0, "created", BUYER, clock.instant().plus(Duration.ofMinutes(15)),
                new TicketRef("ticket-1", new BigDecimal(price)));
    }

    ChargeReceipt pay(String orderId, String token) {
        return service.charge(new ChargeRequest(BUYER, orderId, token));
    }

    Charge chargeOf(String orderId) {
        return payments.chargeOf(orderId).orElseThrow();
    }

    List<OutgoingEvent> published(String type) {
        return published.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void paysAnOrderInCentsOnceAndEmitsChargeCreated() {
        String orderId = placeOrder("20.50");

        ChargeReceipt receipt = pay(orderId, "tok_visa");

        Charge charge = chargeOf(orderId);
        assertThat(charge.id()).isEqualTo(receipt.id());
        assertThat(charge.status()).isEqualTo(ChargeStatus.SUCCEEDED);
        assertThat(charge.amount()).isEqualTo(2050);
        FakeStripe.PaymentIntent intent = stripe.succeededPayments().getFirst();
        assertThat(charge.stripeId()).isEqualTo(intent.id());
        assertThat(intent.amount()).isEqualTo(2050);
        assertThat(intent.currency()).isEqualTo("usd");
        assertThat(intent.idempotencyKey()).isEqualTo(orderId);
        OutgoingEvent event = published(ChargeCreated.TYPE).getFirst();
        assertThat(event.subject()).isEqualTo(charge.id());
        assertThat(event.source()).isEqualTo("/functions/charge");
        assertThat(event.data()).isEqualTo("{\"id\":\"" + charge.id() + "\",\"orderId\":\"" + orderId
                + "\",\"stripeId\":\"" + intent.id() + "\",\"amount\":2050,\"currency\":\"usd\"}");
        assertThat(mongo.getCollection("charges").find().first().getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void requiresAnOrderIdAndAToken() {
        assertThatThrownBy(() -> service.charge(new ChargeRequest(BUYER, " ", null)))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.fieldErrors())
                        .extracting(f -> f.field()).containsExactly("orderId", "token"));
    }

    @Test
    void aPaymentForAnOrderPlacedMomentsAgoWaitsForItsOrderCreatedAndAnyOtherUnknownOrderIsNotFound()
            throws Exception {
        String justPlaced = new ObjectId(Date.from(clock.instant().minusSeconds(10))).toHexString();
        String placedBeforeTheLag = new ObjectId(Date.from(clock.instant()
                .minus(PaymentService.DEFAULT_ORDER_LAG).minusSeconds(2))).toHexString();

        // old ids and ids that are no ObjectId are not waited for
        long start = System.nanoTime();
        assertThatThrownBy(() -> pay(placedBeforeTheLag, "tok_visa")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> pay("zz" + justPlaced.substring(2), "tok_visa")).isInstanceOf(NotFound.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PaymentService.DEFAULT_ORDER_WAIT);

        // a young id nothing arrives for: 404 after the wait, as the original app answers an unknown order
        String neverPlaced = new ObjectId(Date.from(clock.instant())).toHexString();
        start = System.nanoTime();
        assertThatThrownBy(() -> pay(neverPlaced, "tok_visa")).isInstanceOf(NotFound.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(PaymentService.DEFAULT_ORDER_WAIT);

        // the order.created arrives while the payment waits: paid
        var paying = java.util.concurrent.CompletableFuture.supplyAsync(() -> pay(justPlaced, "tok_visa"));
        Thread.sleep(300);
        assertThat(service.syncOrder(created(justPlaced, "20"))).isEqualTo(Delivery.APPLIED);
        assertThat(paying.get(10, java.util.concurrent.TimeUnit.SECONDS).id()).isNotBlank();
        assertThat(stripe.calls()).hasSize(1);
    }

    @Test
    void refusesUnknownOrdersAndOrdersOfOthers() {
        String orderId = placeOrder("20");

        assertThatThrownBy(() -> pay(new ObjectId().toHexString(), "tok_visa")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> pay("not-an-id", "tok_visa")).isInstanceOf(NotFound.class);
        // someone else's order is refused exactly as an unknown one: the id confirms nothing
        assertThatThrownBy(() -> service.charge(new ChargeRequest("someone-else", orderId, "tok_visa")))
                .isInstanceOf(NotFound.class).hasMessage(new NotFound().getMessage());
        assertThat(stripe.calls()).isEmpty();
    }

    @Test
    void refusesCancelledExpiredAndOverdueOrders() {
        String cancelled = placeOrder("20");
        service.syncOrder(new OrderCancelled(cancelled, 1, TicketRef.of("ticket-1")));
        String expired = placeOrder("20");
        service.syncOrder(new OrderExpired(expired, 1, TicketRef.of("ticket-1")));
        String overdue = placeOrder("20");
        clock.advance(Duration.ofMinutes(15));

        assertThatThrownBy(() -> pay(cancelled, "tok_visa")).isInstanceOf(OrderNotPayable.class)
                .hasMessage("Cannot pay for a cancelled order");
        assertThatThrownBy(() -> pay(expired, "tok_visa")).isInstanceOf(OrderNotPayable.class)
                .hasMessage("Cannot pay for an expired order");
        assertThatThrownBy(() -> pay(overdue, "tok_visa")).isInstanceOf(OrderNotPayable.class)
                .hasMessage("Cannot pay for an expired order");
        assertThat(stripe.calls()).isEmpty();
    }

    @Test
    void paysAnOrderOnlyOnce() {
        String orderId = placeOrder("20");
        pay(orderId, "tok_visa");

        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(OrderAlreadyPaid.class);
        service.syncOrder(new OrderCompleted(orderId, 1, TicketRef.of("ticket-1")));
        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(OrderAlreadyPaid.class);

        assertThat(stripe.paymentIntents()).hasSize(1);
        assertThat(published(ChargeCreated.TYPE)).hasSize(1);
    }

    @Test
    void aDeclinedCardRecordsNoSuccessAndAnotherCardMayPay() {
        String orderId = placeOrder("20");

        assertThatThrownBy(() -> pay(orderId, "tok_chargeDeclined")).isInstanceOf(PaymentDeclined.class)
                .hasMessage("Your card was declined.");
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.DECLINED);
        assertThat(published).isEmpty();

        pay(orderId, "tok_visa");

        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.SUCCEEDED);
        assertThat(stripe.paymentIntents()).extracting(FakeStripe.PaymentIntent::idempotencyKey)
                .containsExactly(orderId, orderId + "-attempt-2");
        assertThat(stripe.succeededPayments()).hasSize(1);
        assertThat(mongo.getCollection("charges").countDocuments()).isEqualTo(1);
    }

    @Test
    void anUnreachableStripeRecordsNoSuccessAndTheNextRequestReplaysTheSameAttempt() {
        String orderId = placeOrder("20");
        stripe.mode(Mode.UNREACHABLE);

        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(PaymentProviderUnavailable.class);
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.PENDING);
        assertThat(published).isEmpty();

        stripe.mode(Mode.SERVER_ERROR);
        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(PaymentProviderUnavailable.class);
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.PENDING);

        stripe.mode(Mode.NORMAL);
        pay(orderId, "tok_visa");
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.SUCCEEDED);
        assertThat(stripe.paymentIntents()).extracting(FakeStripe.PaymentIntent::idempotencyKey)
                .containsExactly(orderId);
    }

    @Test
    void aPaymentWhoseAnswerWasLostIsRecordedByTheNextRequestWithoutChargingTwice() {
        String orderId = placeOrder("20");
        stripe.mode(Mode.DROP_RESPONSES);
        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(PaymentProviderUnavailable.class);
        assertThat(stripe.succeededPayments()).hasSize(1);

        stripe.mode(Mode.NORMAL);
        // even if the buyer now sends another card, the unknown attempt is replayed as it was
        ChargeReceipt receipt = pay(orderId, "tok_mastercard");

        assertThat(stripe.succeededPayments()).hasSize(1);
        assertThat(chargeOf(orderId).stripeId()).isEqualTo(stripe.succeededPayments().getFirst().id());
        assertThat(published(ChargeCreated.TYPE)).extracting(OutgoingEvent::subject).containsExactly(receipt.id());
    }

    @Test
    void concurrentRequestsForOneOrderChargeStripeOnce() throws Exception {
        String orderId = placeOrder("20");
        stripe.delay(Duration.ofMillis(300));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> pay(orderId, "tok_visa"));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : pool.invokeAll(calls)) {
            try {
                outcomes.add(f.get());
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(ChargeReceipt.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof ChargeReceipt))
                .allMatch(o -> o instanceof PaymentInProgress || o instanceof OrderAlreadyPaid);
        assertThat(stripe.paymentIntents()).hasSize(1);
        assertThat(mongo.getCollection("charges").countDocuments()).isEqualTo(1);
        assertThat(published(ChargeCreated.TYPE)).hasSize(1);
    }

    @Test
    void aClaimWhoseRequestDiedIsTakenOverAfterItsLease() {
        String orderId = placeOrder("20");
        PaymentOrder order = payments.order(orderId).orElseThrow();
        payments.addCharge(Charge.claim(payments.nextChargeId(), order, "tok_visa",
                clock.instant().plus(Duration.ofMinutes(2))));

        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(PaymentInProgress.class);
        clock.advance(Duration.ofMinutes(2));
        pay(orderId, "tok_visa");

        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.SUCCEEDED);
        assertThat(stripe.paymentIntents()).extracting(FakeStripe.PaymentIntent::idempotencyKey)
                .containsExactly(orderId);
    }

    @Test
    void keepsTheOrderViewInVersionOrder() {
        String orderId = new ObjectId().toHexString();
        OrderCancelled cancelled = new OrderCancelled(orderId, 1, TicketRef.of("ticket-1"));

        assertThat(service.syncOrder(cancelled)).isEqualTo(Delivery.EARLY);
        assertThat(service.syncOrder(created(orderId, "20"))).isEqualTo(Delivery.APPLIED);
        assertThat(service.syncOrder(created(orderId, "20"))).isEqualTo(Delivery.DUPLICATE);
        assertThat(service.syncOrder(new OrderCompleted(orderId, 2, TicketRef.of("ticket-1"))))
                .isEqualTo(Delivery.EARLY);
        assertThat(service.syncOrder(cancelled)).isEqualTo(Delivery.APPLIED);
        assertThat(service.syncOrder(cancelled)).isEqualTo(Delivery.DUPLICATE);
        assertThat(service.syncOrder(created(orderId, "20"))).isEqualTo(Delivery.STALE);

        PaymentOrder view = payments.order(orderId).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.userId()).isEqualTo(BUYER);
        assertThat(view.price()).isEqualByComparingTo("20");
        assertThat(view.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(service.syncOrder(new OrderExpired(orderId, 1, TicketRef.of("ticket-1"))))
                .isEqualTo(Delivery.DUPLICATE);
        assertThat(payments.order(orderId).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void refusesAnOrderCreatedWithoutWhatPayingNeeds() {
        assertThatThrownBy(() -> service.syncOrder(new OrderCreated(new ObjectId().toHexString(), 0, "created", null,
                null, new TicketRef("ticket-1", null)))).isInstanceOf(ValidationFailed.class);
    }

    @Test
    void refundsAChargeWhoseOrderWasCancelledAfterwards() {
        String orderId = placeOrder("20");
        ChargeReceipt receipt = pay(orderId, "tok_visa");
        OrderCancelled cancelled = new OrderCancelled(orderId, 1, TicketRef.of("ticket-1"));

        assertThat(service.syncOrder(cancelled)).isEqualTo(Delivery.APPLIED);
        assertThat(service.syncOrder(cancelled)).isEqualTo(Delivery.DUPLICATE);

        Charge charge = chargeOf(orderId);
        assertThat(charge.status()).isEqualTo(ChargeStatus.REFUNDED);
        FakeStripe.Refund refund = stripe.refunds().getFirst();
        assertThat(stripe.refunds()).hasSize(1);
        assertThat(refund.paymentIntent()).isEqualTo(charge.stripeId());
        assertThat(refund.amount()).isEqualTo(2000);
        assertThat(charge.stripeRefundId()).isEqualTo(refund.id());
        assertThat(published(ChargeRefunded.TYPE)).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo(receipt.id());
            assertThat(e.data()).isEqualTo("{\"id\":\"" + receipt.id() + "\",\"orderId\":\"" + orderId
                    + "\",\"stripeRefundId\":\"" + refund.id() + "\",\"amount\":2000}");
        });
    }

    /** Stripe through the real adapter, with {@code meanwhile} run after Stripe answered. */
    PaymentProvider stripeThen(Runnable meanwhile) {
        return new PaymentProvider() {
            @Override
            public String pay(PaymentRequest request) {
                String id = provider.pay(request);
                meanwhile.run();
                return id;
            }

            @Override
            public String refund(String paymentId, long amount, String idempotencyKey) {
                return provider.refund(paymentId, amount, idempotencyKey);
            }
        };
    }

    @Test
    void anOrderThatExpiresWhileStripeIsChargingIsRefundedAndItsExpiryWaitsForThat() {
        String orderId = placeOrder("20");
        OrderExpired expired = new OrderExpired(orderId, 1, TicketRef.of("ticket-1"));
        service = new PaymentService(payments, stripeThen(() -> assertThatThrownBy(() -> service.syncOrder(expired))
                .isInstanceOf(PaymentInProgress.class)), clock, Duration.ofMinutes(2));

        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(PaidOrderEnded.class)
                .hasMessage("The order was expired while it was being paid; the payment was refunded");

        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.REFUNDED);
        assertThat(payments.order(orderId).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(service.syncOrder(expired)).isEqualTo(Delivery.DUPLICATE);
        assertThat(stripe.refunds()).hasSize(1);
        assertThat(published).extracting(OutgoingEvent::type).containsExactly(ChargeCreated.TYPE, ChargeRefunded.TYPE);
    }

    @Test
    void aRefundTheChargingRequestCouldNotMakeIsMadeWhenTheOrderEndIsDeliveredAgain() {
        String orderId = placeOrder("20");
        OrderCancelled cancelled = new OrderCancelled(orderId, 1, TicketRef.of("ticket-1"));
        service = new PaymentService(payments, stripeThen(() -> {
            assertThatThrownBy(() -> service.syncOrder(cancelled)).isInstanceOf(PaymentInProgress.class);
            stripe.mode(Mode.SERVER_ERROR);
        }), clock, Duration.ofMinutes(2));

        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(PaidOrderEnded.class)
                .hasMessage("The order was cancelled while it was being paid; the payment will be refunded");
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.SUCCEEDED);
        assertThatThrownBy(() -> service.syncOrder(cancelled)).isInstanceOf(PaymentProviderUnavailable.class);

        stripe.mode(Mode.NORMAL);
        assertThat(service.syncOrder(cancelled)).isEqualTo(Delivery.DUPLICATE);
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.REFUNDED);
        assertThat(stripe.refunds()).hasSize(1);
    }

    @Test
    void anOrderCancelledJustAfterItsChargeWasClaimedIsNeverCharged() {
        String orderId = placeOrder("20");
        OrderCancelled cancelled = new OrderCancelled(orderId, 1, TicketRef.of("ticket-1"));
        Payments real = payments;
        Payments cancelAfterClaim = new Payments() {
            @Override
            public String nextChargeId() {
                return real.nextChargeId();
            }

            @Override
            public java.util.Optional<PaymentOrder> order(String id) {
                return real.order(id);
            }

            @Override
            public boolean addOrder(PaymentOrder order) {
                return real.addOrder(order);
            }

            @Override
            public boolean advanceOrder(PaymentOrder order) {
                return real.advanceOrder(order);
            }

            @Override
            public java.util.Optional<Charge> chargeOf(String id) {
                return real.chargeOf(id);
            }

            @Override
            public boolean addCharge(Charge charge) {
                boolean added = real.addCharge(charge);
                assertThatThrownBy(() -> service.syncOrder(cancelled)).isInstanceOf(PaymentInProgress.class);
                return added;
            }

            @Override
            public boolean saveCharge(Charge charge, dev.ticketing.event.Event owed) {
                return real.saveCharge(charge, owed);
            }
        };
        service = new PaymentService(cancelAfterClaim, provider, clock, Duration.ofMinutes(2));

        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(OrderNotPayable.class)
                .hasMessage("Cannot pay for a cancelled order");

        assertThat(stripe.calls()).isEmpty();
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.DECLINED);
        assertThat(service.syncOrder(cancelled)).isEqualTo(Delivery.DUPLICATE);
        assertThat(published).isEmpty();
    }

    @Test
    void aPaymentWhoseAnswerWasLostIsSettledAndRefundedWhenItsOrderEnds() {
        String orderId = placeOrder("20");
        stripe.mode(Mode.DROP_RESPONSES);
        assertThatThrownBy(() -> pay(orderId, "tok_visa")).isInstanceOf(PaymentProviderUnavailable.class);
        stripe.mode(Mode.NORMAL);

        assertThat(service.syncOrder(new OrderCancelled(orderId, 1, TicketRef.of("ticket-1"))))
                .isEqualTo(Delivery.APPLIED);

        assertThat(stripe.succeededPayments()).hasSize(1);
        assertThat(stripe.refunds()).singleElement()
                .satisfies(r -> assertThat(r.paymentIntent()).isEqualTo(stripe.succeededPayments().getFirst().id()));
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.REFUNDED);
        assertThat(published).extracting(OutgoingEvent::type).containsExactly(ChargeCreated.TYPE, ChargeRefunded.TYPE);
    }

    @Test
    void aRefundStripeCouldNotTakeIsMadeWhenTheEventIsDeliveredAgain() {
        String orderId = placeOrder("20");
        pay(orderId, "tok_visa");
        OrderCancelled cancelled = new OrderCancelled(orderId, 1, TicketRef.of("ticket-1"));
        stripe.mode(Mode.SERVER_ERROR);

        assertThatThrownBy(() -> service.syncOrder(cancelled)).isInstanceOf(PaymentProviderUnavailable.class);
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.SUCCEEDED);

        stripe.mode(Mode.NORMAL);
        assertThat(service.syncOrder(cancelled)).isEqualTo(Delivery.DUPLICATE);
        assertThat(chargeOf(orderId).status()).isEqualTo(ChargeStatus.REFUNDED);
        assertThat(stripe.refunds()).hasSize(1);
    }
}
