package dev.ticketing.charge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.ChargeRefunded;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCompleted;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.FakeStripe;
import dev.ticketing.testing.FakeStripe.Mode;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/payments} and {@code POST /syncOrder} over HTTP on a random port, with the real
 * stripe-java client against {@link FakeStripe}; includes the payments tests of the original app.
 */
@FunctionTest(properties = "STRIPE_KEY=sk_test_fake")
class ChargeHttpTest extends ChargeTestSupport {

    String buyer = new ObjectId().toHexString();
    String cookie = TestTokens.cookie(TestTokens.valid(buyer, "buyer@test.com"));

    /** Delivers {@code order.created} for an order of {@code userId} at {@code price}, expiring at {@code expiresAt}. */
    String placeOrder(String userId, String price, Instant expiresAt) {
        String id = new ObjectId().toHexString();
        Response response = api.binaryEvent("/syncOrder", HttpApi.newId(), OrderCreated.TYPE, "/functions/place-order",
                "{\"id\":\"" + id + "\",\"version\":0,\"status\":\"created\",\"userId\":\"" + userId
                        + "\",\"expiresAt\":\"" + expiresAt + "\",\"ticket\":{\"id\":\"" + new ObjectId().toHexString()
                        + "\",\"price\":" + price + "}}");
        assertThat(response.status()).isEqualTo(202);
        return id;
    }

    String placeOrder(String price) {
        return placeOrder(buyer, price, Instant.now().plus(Duration.ofMinutes(15)));
    }

    Response endOrder(String type, String orderId, long version) {
        return api.structuredEvent("/syncOrder", HttpApi.newId(), type, "/functions/cancel-order",
                "{\"id\":\"" + orderId + "\",\"version\":" + version + ",\"ticket\":{\"id\":\"t\"}}");
    }

    Response pay(String orderId, String token) {
        return api.post("/api/payments", "{\"orderId\":\"" + orderId + "\",\"token\":\"" + token + "\"}",
                "Cookie", cookie);
    }

    Document chargeOf(String orderId) {
        return mongo.getCollection("charges").find(new Document("orderId", orderId)).first();
    }

    // the payments tests of the original app

    @Test
    void returns404WhenPurchasingAnOrderThatDoesNotExist() {
        Response response = pay(new ObjectId().toHexString(), "asldkfj");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorMessage()).isEqualTo("Not Found");
    }

    @Test
    void payingAnOrderWhoseOrderCreatedIsStillOnItsWayWaitsForItAndPays() throws Exception {
        String orderId = new ObjectId().toHexString();

        var paying = java.util.concurrent.CompletableFuture.supplyAsync(() -> pay(orderId, "tok_visa"));
        Thread.sleep(500);
        assertThat(paying).as("still waiting for the order").isNotDone();
        assertThat(api.binaryEvent("/syncOrder", HttpApi.newId(), OrderCreated.TYPE, "/functions/place-order",
                "{\"id\":\"" + orderId + "\",\"version\":0,\"status\":\"created\",\"userId\":\"" + buyer
                        + "\",\"expiresAt\":\"" + Instant.now().plus(Duration.ofMinutes(15))
                        + "\",\"ticket\":{\"id\":\"" + new ObjectId().toHexString() + "\",\"price\":20}}")
                .status()).isEqualTo(202);

        Response paid = paying.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(sink.await(ChargeCreated.TYPE).body()).contains(orderId);
    }

    @Test
    void answersAPurchaseOfAnotherUsersOrderExactlyAsOneOfAnUnknownOrder() {
        String orderId = placeOrder(new ObjectId().toHexString(), "20", Instant.now().plusSeconds(900));

        Response response = pay(orderId, "asldkfj");
        Response unknown = pay("not-an-id", "asldkfj");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(unknown.body());
    }

    @Test
    void returns400WhenPurchasingACancelledOrder() {
        String orderId = placeOrder("20");
        assertThat(endOrder(OrderCancelled.TYPE, orderId, 1).status()).isEqualTo(202);

        Response response = pay(orderId, "asldkfj");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).isEqualTo("Cannot pay for a cancelled order");
    }

    @Test
    void returns201WithValidInputsAndRecordsThePayment() {
        String orderId = placeOrder("87.45");

        Response response = pay(orderId, "tok_visa");

        assertThat(response.status()).isEqualTo(201);
        FakeStripe.PaymentIntent intent = STRIPE.succeededPayments().getFirst();
        assertThat(intent.amount()).isEqualTo(8745);
        assertThat(intent.currency()).isEqualTo("usd");
        assertThat(intent.idempotencyKey()).isEqualTo(orderId);
        Document charge = chargeOf(orderId);
        assertThat(charge.getString("stripeId")).isEqualTo(intent.id());
        assertThat(charge.getLong("amount")).isEqualTo(8745L);
        assertThat(charge.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(charge.get("stripeRefundId")).isNull();
        assertThat(response.json().get("id").asString()).isEqualTo(charge.getObjectId("_id").toHexString());
        assertThat(response.json().size()).isEqualTo(1);
    }

    // the rest of the contract

    @Test
    void publishesChargeCreatedAndAnswersWithoutCloudEventHeaders() {
        String orderId = placeOrder("20");

        Response response = pay(orderId, "tok_visa");

        String id = response.json().get("id").asString();
        EventSink.Received event = sink.await(ChargeCreated.TYPE);
        assertThat(event.source()).isEqualTo("/functions/charge");
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.header("ce-partitionkey")).isEqualTo(id);
        assertThat(event.header("ce-specversion")).isEqualTo("1.0");
        assertThat(event.body()).isEqualTo("{\"id\":\"" + id + "\",\"orderId\":\"" + orderId + "\",\"stripeId\":\""
                + STRIPE.succeededPayments().getFirst().id() + "\",\"amount\":2000,\"currency\":\"usd\"}");
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(chargeOf(orderId).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void refusesSignedOutCallersBeforeAnythingElse() {
        Response response = api.post("/api/payments", "{\"orderId\":\"x\",\"token\":\"tok_visa\"}");
        assertThat(response.status()).isEqualTo(401);
        Response expired = api.post("/api/payments", "{}", "Cookie",
                TestTokens.cookie(TestTokens.expired(buyer, "buyer@test.com")));
        assertThat(expired.status()).isEqualTo(401);
    }

    @Test
    void requiresAnOrderIdAndAToken() {
        Response response = api.post("/api/payments", "{\"token\":\"\"}", "Cookie", cookie);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).hasSize(2);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("orderId");
        assertThat(response.json().get("errors").get(1).get("field").asString()).isEqualTo("token");
        assertThat(api.post("/api/payments", "{not json", "Cookie", cookie).status()).isEqualTo(400);
        assertThat(api.post("/api/payments", "null", "Cookie", cookie).status()).isEqualTo(400);
        assertThat(api.post("/api/payments", "{\"orderId\":[1],\"token\":{}}", "Cookie", cookie).status())
                .isEqualTo(400);
        assertThat(api.post("/api/payments", "{\"orderId\":\"not-an-id\",\"token\":\"tok_visa\"}", "Cookie", cookie)
                .status()).isEqualTo(404);
        assertThat(STRIPE.calls()).isEmpty();
    }

    @Test
    void returns400ForAnExpiredOrderAndForAnOrderPastItsExpiryBeforeTheExpiryRan() {
        String expired = placeOrder("20");
        assertThat(endOrder(OrderExpired.TYPE, expired, 1).status()).isEqualTo(202);
        String overdue = placeOrder(buyer, "20", Instant.now().minusSeconds(1));

        Response expiredResponse = pay(expired, "tok_visa");
        Response overdueResponse = pay(overdue, "tok_visa");

        assertThat(expiredResponse.status()).isEqualTo(400);
        assertThat(expiredResponse.errorMessage()).isEqualTo("Cannot pay for an expired order");
        assertThat(overdueResponse.status()).isEqualTo(400);
        assertThat(overdueResponse.errorMessage()).isEqualTo("Cannot pay for an expired order");
        assertThat(STRIPE.calls()).isEmpty();
    }

    @Test
    void returns400ForAnOrderAlreadyPaid() {
        String orderId = placeOrder("20");
        assertThat(pay(orderId, "tok_visa").status()).isEqualTo(201);

        Response again = pay(orderId, "tok_visa");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorMessage()).isEqualTo("Order already paid");

        assertThat(api.binaryEvent("/syncOrder", HttpApi.newId(), OrderCompleted.TYPE, "/functions/complete-order",
                "{\"id\":\"" + orderId + "\",\"version\":1,\"ticket\":{\"id\":\"t\"}}").status()).isEqualTo(202);
        assertThat(pay(orderId, "tok_visa").errorMessage()).isEqualTo("Order already paid");
        assertThat(STRIPE.paymentIntents()).hasSize(1);
    }

    @Test
    void aDeclinedCardGives402WithStripesMessageAndRecordsNoSuccess() {
        String orderId = placeOrder("20");

        Response response = pay(orderId, "tok_chargeDeclined");

        assertThat(response.status()).isEqualTo(402);
        assertThat(response.errorMessage()).isEqualTo("Your card was declined.");
        assertThat(chargeOf(orderId).getString("status")).isEqualTo("DECLINED");
        assertThat(pay(orderId, "pm_card_visa").status()).isEqualTo(201);
        assertThat(sink.ofType(ChargeCreated.TYPE)).hasSize(1);
    }

    @Test
    void anUnavailableStripeGives503AndRecordsNoSuccess() {
        String orderId = placeOrder("20");
        STRIPE.mode(Mode.SERVER_ERROR);

        Response serverError = pay(orderId, "tok_visa");
        STRIPE.mode(Mode.UNREACHABLE);
        Response unreachable = pay(orderId, "tok_visa");

        assertThat(serverError.status()).isEqualTo(503);
        assertThat(unreachable.status()).isEqualTo(503);
        assertThat(unreachable.errorMessage()).isEqualTo("Payments are temporarily unavailable; try again later");
        assertThat(chargeOf(orderId).getString("status")).isEqualTo("PENDING");
        assertThat(sink.ofType(ChargeCreated.TYPE)).isEmpty();

        STRIPE.mode(Mode.NORMAL);
        assertThat(pay(orderId, "tok_visa").status()).isEqualTo(201);
        assertThat(STRIPE.succeededPayments()).hasSize(1);
    }

    @Test
    void twoConcurrentChargesForOneOrderChargeStripeOnce() throws Exception {
        String orderId = placeOrder("20");
        STRIPE.delay(Duration.ofMillis(500));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Response>> calls = List.of(() -> pay(orderId, "tok_visa"), () -> pay(orderId, "tok_visa"));
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            statuses.add(f.get().status());
        }
        pool.shutdown();

        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses).filteredOn(s -> s != 201).singleElement().isIn(409, 400);
        assertThat(STRIPE.paymentIntents()).hasSize(1);
        assertThat(mongo.getCollection("charges").countDocuments()).isEqualTo(1);
        assertThat(sink.ofType(ChargeCreated.TYPE)).hasSize(1);
    }

    @Test
    void syncOrderKeepsTheOrderViewFromBinaryAndStructuredEvents() {
        String orderId = placeOrder("20");

        Document view = mongo.getCollection("orders").find().first();
        assertThat(view.getObjectId("_id").toHexString()).isEqualTo(orderId);
        assertThat(view.getString("userId")).isEqualTo(buyer);
        assertThat(view.getString("price")).isEqualTo("20");
        assertThat(view.getString("status")).isEqualTo("CREATED");
        assertThat(view.getLong("version")).isZero();
        assertThat(view.get("expiresAt")).isNotNull();

        Response cancelled = endOrder(OrderCancelled.TYPE, orderId, 1);

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.body()).isEmpty();
        assertThat(cancelled.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        Document updated = mongo.getCollection("orders").find().first();
        assertThat(updated.getString("status")).isEqualTo("CANCELLED");
        assertThat(updated.getLong("version")).isEqualTo(1L);
        assertThat(endOrder(OrderCancelled.TYPE, orderId, 1).status()).isEqualTo(202);
    }

    @Test
    void syncOrderAsksForAnEarlyEventAgainAndRefusesWhatItCannotUse() {
        String orderId = new ObjectId().toHexString();

        assertThat(endOrder(OrderCancelled.TYPE, orderId, 1).status()).isEqualTo(503);
        assertThat(api.binaryEvent("/syncOrder", HttpApi.newId(), TicketCreated.TYPE, "/functions/create-ticket",
                "{\"id\":\"x\"}").status()).isEqualTo(400);
        assertThat(api.binaryEvent("/syncOrder", HttpApi.newId(), OrderCreated.TYPE, "/functions/place-order",
                "{not json").status()).isEqualTo(400);
        assertThat(api.binaryEvent("/syncOrder", HttpApi.newId(), OrderCreated.TYPE, "/functions/place-order",
                "{\"id\":\"" + orderId + "\",\"version\":0,\"ticket\":{\"id\":\"t\"}}").status()).isEqualTo(422);
        assertThat(mongo.getCollection("orders").countDocuments()).isZero();
    }

    @Test
    void refundsAChargeWhoseOrderEndedAfterItSucceededAndPublishesChargeRefunded() {
        String orderId = placeOrder("20");
        String chargeId = pay(orderId, "tok_visa").json().get("id").asString();

        Response expired = endOrder(OrderExpired.TYPE, orderId, 1);

        assertThat(expired.status()).isEqualTo(202);
        FakeStripe.Refund refund = STRIPE.refunds().getFirst();
        assertThat(refund.paymentIntent()).isEqualTo(STRIPE.succeededPayments().getFirst().id());
        assertThat(refund.amount()).isEqualTo(2000);
        Document charge = chargeOf(orderId);
        assertThat(charge.getString("status")).isEqualTo("REFUNDED");
        assertThat(charge.getString("stripeRefundId")).isEqualTo(refund.id());
        EventSink.Received event = sink.await(ChargeRefunded.TYPE);
        assertThat(event.source()).isEqualTo("/functions/charge");
        assertThat(event.subject()).isEqualTo(chargeId);
        assertThat(event.body()).isEqualTo("{\"id\":\"" + chargeId + "\",\"orderId\":\"" + orderId
                + "\",\"stripeRefundId\":\"" + refund.id() + "\",\"amount\":2000}");

        assertThat(endOrder(OrderExpired.TYPE, orderId, 1).status()).isEqualTo(202);
        assertThat(STRIPE.refunds()).hasSize(1);
        assertThat(sink.ofType(ChargeRefunded.TYPE)).hasSize(1);
    }

    @Test
    void anOrderCancelledWhileStripeIsChargingIsRefundedAndItsCancellationRedeliveredUntilThen() throws Exception {
        String orderId = placeOrder("20");
        STRIPE.delay(Duration.ofSeconds(1));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Response> paying = pool.submit(() -> pay(orderId, "tok_visa"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> chargeOf(orderId) != null);

        Response whilePaying = endOrder(OrderCancelled.TYPE, orderId, 1);
        Response paid = paying.get();
        pool.shutdown();

        assertThat(whilePaying.status()).isEqualTo(503);
        assertThat(paid.status()).isEqualTo(400);
        assertThat(paid.errorMessage())
                .isEqualTo("The order was cancelled while it was being paid; the payment was refunded");
        assertThat(STRIPE.refunds()).hasSize(1);
        assertThat(sink.await(ChargeRefunded.TYPE).subject()).isEqualTo(chargeOf(orderId).getObjectId("_id")
                .toHexString());
        assertThat(endOrder(OrderCancelled.TYPE, orderId, 1).status()).isEqualTo(202);
        assertThat(STRIPE.refunds()).hasSize(1);
    }

    @Test
    void aRefundStripeCouldNotMakeIsAskedForAgain() {
        String orderId = placeOrder("20");
        pay(orderId, "tok_visa");
        STRIPE.mode(Mode.UNREACHABLE);

        assertThat(endOrder(OrderCancelled.TYPE, orderId, 1).status()).isEqualTo(503);

        STRIPE.mode(Mode.NORMAL);
        assertThat(endOrder(OrderCancelled.TYPE, orderId, 1).status()).isEqualTo(202);
        assertThat(chargeOf(orderId).getString("status")).isEqualTo("REFUNDED");
        assertThat(STRIPE.refunds()).hasSize(1);
    }

    @Test
    void deliversAChargeCreatedOwedAfterAFailedPublishOnTheNextRelayTick() {
        String orderId = placeOrder("20");
        sink.failNext(1);

        assertThat(pay(orderId, "tok_visa").status()).isEqualTo(201);
        assertThat(sink.ofType(ChargeCreated.TYPE)).isEmpty();
        assertThat(chargeOf(orderId).getList("outbox", Object.class)).hasSize(1);

        Response tick = api.structuredEvent("/relayOutbox", HttpApi.newId(), "dev.knative.sources.ping",
                "/apis/v1/namespaces/ticketing/pingsources/relay", "{}");

        assertThat(tick.status()).isEqualTo(202);
        assertThat(sink.await(ChargeCreated.TYPE).header("ce-subject")).isNotBlank();
        assertThat(chargeOf(orderId).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void answersUnknownRoutesWith404AndDoesNotExposeChargeAsAnEventEndpoint() {
        assertThat(api.get("/api/payments").status()).isIn(404, 405);
        assertThat(api.post("/api/nothing", "{}").status()).isEqualTo(404);
        assertThat(api.binaryEvent("/charge", HttpApi.newId(), OrderCreated.TYPE, "/x", "{}").status())
                .isEqualTo(404);
    }
}
