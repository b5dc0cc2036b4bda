package dev.ticketing.placeorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

@FunctionTest
class PlaceOrderHttpTest extends FunctionTestSupport {

    static final String BUYER = new ObjectId().toHexString();
    static final String OTHER = new ObjectId().toHexString();
    static final String SELLER = new ObjectId().toHexString();

    @Autowired
    OrderService orders;
    @Autowired
    @Qualifier("placeOrder")
    Function<PlaceOrder, OrderView> placeOrder;

    Response order(String userId, String ticketId) {
        return api.post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", "Cookie", cookie(userId));
    }

    static String ticketCreated(String id, String title, String price) {
        return "{\"id\":\"" + id + "\",\"version\":0,\"title\":\"" + title + "\",\"price\":" + price + ",\"userId\":\""
                + SELLER + "\"}";
    }

    static String ticketUpdated(String id, long version, String title, String price) {
        return "{\"id\":\"" + id + "\",\"version\":" + version + ",\"title\":\"" + title + "\",\"price\":" + price
                + ",\"userId\":\"" + SELLER + "\",\"orderId\":null}";
    }

    /** A ticket the orders context heard of through {@code ticket.created}. */
    String knownTicket() {
        String id = new ObjectId().toHexString();
        Response response = api.binaryEvent("/syncTicket", HttpApi.newId(), TicketCreated.TYPE, "/functions/create-ticket",
                ticketCreated(id, "concert", "20"));
        assertThat(response.status()).isEqualTo(202);
        return id;
    }

    Document ticketView(String id) {
        return mongo.getCollection("tickets").find(new Document("_id", new ObjectId(id))).first();
    }

    @Test
    void returns404ForATicketTheOrdersContextNeverHeardOf() {
        Response response = order(BUYER, new ObjectId().toHexString());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorMessage()).isEqualTo("Not Found");
        assertThat(order(BUYER, "not-an-id").status()).isEqualTo(404);
        assertThat(mongo.getCollection("orders").countDocuments()).isZero();
    }

    @Test
    void refusesTheSellerAnOrderOfItsOwnTicket() {
        String ticket = knownTicket();

        Response response = order(SELLER, ticket);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"You cannot order your own ticket\"}]}");
        assertThat(mongo.getCollection("orders").countDocuments()).isZero();
        assertThat(order(BUYER, ticket).status()).isEqualTo(201);
    }

    @Test
    void capsTheOpenOrdersOfOneBuyerAtTheConfiguredDefaultOfFive() {
        for (int i = 0; i < 5; i++) {
            assertThat(order(BUYER, knownTicket()).status()).isEqualTo(201);
        }
        String sixth = knownTicket();

        Response refused = order(BUYER, sixth);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage())
                .isEqualTo("You already have 5 open orders: pay or cancel one before ordering again");
        assertThat(order(OTHER, sixth).status()).isEqualTo(201);
    }

    @Test
    void rejectsOrderForReservedTicket() {
        String ticket = knownTicket();
        assertThat(order(OTHER, ticket).status()).isEqualTo(201);

        Response response = order(BUYER, ticket);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).isEqualTo("Ticket is already reserved");
        assertThat(sink.ofType(OrderCreated.TYPE)).hasSize(1);
    }

    @Test
    void rejectsOrderForATicketWhoseOrderIsComplete() {
        String ticket = knownTicket();
        String orderId = order(OTHER, ticket).json().get("id").asString();
        orders.complete(new ChargeCreated(new ObjectId().toHexString(), orderId, "pi_1", 2000, "usd"));

        assertThat(order(BUYER, ticket).errorMessage()).isEqualTo("Ticket is already reserved");
    }

    @Test
    void ordersATicketAgainOnceItsOrderIsCancelled() {
        String ticket = knownTicket();
        String orderId = order(OTHER, ticket).json().get("id").asString();
        orders.cancel(new OrderRequest(OTHER, orderId));

        assertThat(order(BUYER, ticket).status()).isEqualTo(201);
    }

    @Test
    void reservesATicket() {
        String ticket = knownTicket();
        Instant before = Instant.now();

        Response response = order(BUYER, ticket);

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("id").asString()).hasSize(24);
        assertThat(body.get("status").asString()).isEqualTo("created");
        assertThat(body.get("userId").asString()).isEqualTo(BUYER);
        assertThat(body.get("version").asLong()).isZero();
        assertThat(body.has("_id")).isFalse();
        Instant expiresAt = Instant.parse(body.get("expiresAt").asString());
        assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(15)).minusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(1));
        JsonNode embedded = body.get("ticket");
        assertThat(embedded.get("id").asString()).isEqualTo(ticket);
        assertThat(embedded.get("title").asString()).isEqualTo("concert");
        assertThat(embedded.get("price").decimalValue()).isEqualByComparingTo("20");
        assertThat(embedded.get("version").asLong()).isZero();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(mongo.getCollection("orders").countDocuments()).isEqualTo(1);
    }

    @Test
    void emitsAnOrderCreatedEvent() {
        String ticket = knownTicket();
        JsonNode order = order(BUYER, ticket).json();
        String id = order.get("id").asString();

        EventSink.Received event = sink.await(OrderCreated.TYPE);

        assertThat(event.source()).isEqualTo("/functions/place-order");
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.header("ce-partitionkey")).isEqualTo(id);
        assertThat(event.header("ce-specversion")).isEqualTo("1.0");
        assertThat(event.header("content-type")).startsWith("application/json");
        assertThat(event.id()).isNotBlank();
        assertThat(event.body()).isEqualTo("{\"id\":\"" + id + "\",\"version\":0,\"status\":\"created\",\"userId\":\""
                + BUYER + "\",\"expiresAt\":\"" + order.get("expiresAt").asString() + "\",\"ticket\":{\"id\":\"" + ticket
                + "\",\"price\":20}}");
        assertThat(mongo.getCollection("orders").find().first().getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void rejectsSignedOutCallersAndMissingTicketIds() {
        String ticket = knownTicket();
        Response signedOut = api.post("/api/orders", "{\"ticketId\":\"" + ticket + "\"}");
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.errorMessage()).isEqualTo("Not authorized");
        Response expired = api.post("/api/orders", "{\"ticketId\":\"" + ticket + "\"}", "Cookie",
                TestTokens.cookie(TestTokens.expired(BUYER, "b@test.com")));
        assertThat(expired.status()).isEqualTo(401);

        Response missing = api.post("/api/orders", "{}", "Cookie", cookie(BUYER));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).isEqualTo("TicketId must be provided");
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("ticketId");
        assertThat(api.post("/api/orders", "{\"ticketId\":\"  \"}", "Cookie", cookie(BUYER)).status()).isEqualTo(400);
        assertThat(api.post("/api/orders", "{not json", "Cookie", cookie(BUYER)).status()).isEqualTo(400);
        assertThat(api.post("/api/orders", "{\"ticketId\":{\"a\":1}}", "Cookie", cookie(BUYER)).status()).isEqualTo(400);
        assertThat(mongo.getCollection("orders").countDocuments()).isZero();
    }

    @Test
    void fiftyConcurrentOrdersForOneTicketReserveItOnce() throws Exception {
        String ticket = knownTicket();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String buyer = new ObjectId().toHexString();
            calls.add(() -> order(buyer, ticket).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses.stream().filter(s -> s == 400)).hasSize(49);
        assertThat(mongo.getCollection("orders").countDocuments()).isEqualTo(1);
        assertThat(sink.ofType(OrderCreated.TYPE)).hasSize(1);
    }

    @Test
    void placesAnOrderWhenTheFunctionIsCalledDirectly() {
        String ticket = knownTicket();

        OrderView order = placeOrder.apply(new PlaceOrder(BUYER, ticket));

        assertThat(order.status()).isEqualTo("created");
        assertThat(orders.show(new OrderRequest(BUYER, order.id()))).isEqualTo(order);
        assertThat(sink.await(OrderCreated.TYPE).subject()).isEqualTo(order.id());
    }

    @Test
    void createsTheTicketViewFromABinaryTicketCreated() {
        String id = new ObjectId().toHexString();

        Response response = api.binaryEvent("/syncTicket", HttpApi.newId(), TicketCreated.TYPE,
                "/functions/create-ticket", ticketCreated(id, "concert", "20.5"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        Document view = ticketView(id);
        assertThat(view.getString("title")).isEqualTo("concert");
        assertThat(view.getString("price")).isEqualTo("20.5");
        assertThat(view.get("version")).isEqualTo(0L);
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void createsAndUpdatesTheTicketViewFromStructuredEvents() {
        String id = new ObjectId().toHexString();

        Response created = api.structuredEvent("/syncTicket", HttpApi.newId(), TicketCreated.TYPE,
                "/functions/create-ticket", ticketCreated(id, "concert", "10"));
        Response updated = api.structuredEvent("/syncTicket", HttpApi.newId(), TicketUpdated.TYPE,
                "/functions/update-ticket", ticketUpdated(id, 1, "new concert", "15"));

        assertThat(created.status()).isEqualTo(202);
        assertThat(updated.status()).isEqualTo(202);
        assertThat(updated.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        Document view = ticketView(id);
        assertThat(view.getString("title")).isEqualTo("new concert");
        assertThat(view.getString("price")).isEqualTo("15");
        assertThat(view.get("version")).isEqualTo(1L);
        assertThat(order(BUYER, id).json().get("ticket").get("title").asString()).isEqualTo("new concert");
    }

    @Test
    void refusesATicketUpdatedThatSkipsAVersionSoTheBrokerRedeliversIt() {
        String id = knownTicket();

        Response skipped = api.binaryEvent("/syncTicket", HttpApi.newId(), TicketUpdated.TYPE,
                "/functions/update-ticket", ticketUpdated(id, 2, "too early", "99"));

        assertThat(skipped.status()).isEqualTo(503);
        assertThat(skipped.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(ticketView(id).getString("title")).isEqualTo("concert");
        assertThat(ticketView(id).get("version")).isEqualTo(0L);
    }

    @Test
    void refusesATicketUpdatedForAnUnknownTicketSoTheBrokerRedeliversIt() {
        String id = new ObjectId().toHexString();
        Response early = api.binaryEvent("/syncTicket", HttpApi.newId(), TicketUpdated.TYPE, "/functions/update-ticket",
                ticketUpdated(id, 1, "before created", "1"));
        assertThat(early.status()).isEqualTo(503);
        assertThat(ticketView(id)).isNull();
    }

    @Test
    void outOfOrderAndDuplicateTicketUpdatesConvergeToTheNewestVersion() {
        String id = new ObjectId().toHexString();
        List<String[]> deliveries = new ArrayList<>();
        deliveries.add(new String[] {TicketCreated.TYPE, ticketCreated(id, "v0", "10")});
        for (int v = 1; v <= 5; v++) {
            deliveries.add(new String[] {TicketUpdated.TYPE, ticketUpdated(id, v, "v" + v, String.valueOf(10 + v))});
        }
        deliveries.add(new String[] {TicketUpdated.TYPE, ticketUpdated(id, 3, "v3", "13")});
        deliveries.add(new String[] {TicketUpdated.TYPE, ticketUpdated(id, 5, "v5", "15")});
        deliveries.add(new String[] {TicketCreated.TYPE, ticketCreated(id, "v0", "10")});
        Collections.reverse(deliveries);

        // a broker: delivers in this (reversed) order, then redelivers whatever was refused, until all are taken
        List<String[]> pending = deliveries;
        int rounds = 0;
        while (!pending.isEmpty()) {
            assertThat(rounds++).as("redelivery rounds").isLessThan(20);
            List<String[]> refused = new ArrayList<>();
            for (String[] d : pending) {
                Response r = api.binaryEvent("/syncTicket", HttpApi.newId(), d[0], "/functions/tickets", d[1]);
                assertThat(r.status()).isIn(202, 503);
                if (r.status() == 503) {
                    refused.add(d);
                }
            }
            pending = refused;
        }

        Document view = ticketView(id);
        assertThat(view.get("version")).isEqualTo(5L);
        assertThat(view.getString("title")).isEqualTo("v5");
        assertThat(view.getString("price")).isEqualTo("15");
        assertThat(rounds).isGreaterThan(1);
    }

    @Test
    void acknowledgesStaleAndDuplicateTicketEventsWithoutChangingTheView() {
        String id = knownTicket();
        assertThat(api.binaryEvent("/syncTicket", HttpApi.newId(), TicketUpdated.TYPE, "/functions/update-ticket",
                ticketUpdated(id, 1, "v1", "11")).status()).isEqualTo(202);
        assertThat(api.binaryEvent("/syncTicket", HttpApi.newId(), TicketUpdated.TYPE, "/functions/update-ticket",
                ticketUpdated(id, 2, "v2", "12")).status()).isEqualTo(202);

        Response stale = api.binaryEvent("/syncTicket", HttpApi.newId(), TicketUpdated.TYPE, "/functions/update-ticket",
                ticketUpdated(id, 1, "v1 again", "11"));
        Response duplicate = api.structuredEvent("/syncTicket", HttpApi.newId(), TicketUpdated.TYPE,
                "/functions/update-ticket", ticketUpdated(id, 2, "v2 changed", "99"));
        Response createdAgain = api.binaryEvent("/syncTicket", HttpApi.newId(), TicketCreated.TYPE,
                "/functions/create-ticket", ticketCreated(id, "v0 again", "1"));

        assertThat(List.of(stale.status(), duplicate.status(), createdAgain.status())).containsOnly(202);
        assertThat(ticketView(id).getString("title")).isEqualTo("v2");
        assertThat(ticketView(id).get("version")).isEqualTo(2L);
    }

    @Test
    void refusesEventsSyncTicketDoesNotConsumeAndMalformedData() {
        Response wrongType = api.binaryEvent("/syncTicket", HttpApi.newId(), OrderCreated.TYPE, "/functions/place-order",
                "{\"id\":\"" + new ObjectId().toHexString() + "\",\"version\":0}");
        assertThat(wrongType.status()).isBetween(400, 499);
        Response malformed = api.binaryEvent("/syncTicket", HttpApi.newId(), TicketCreated.TYPE,
                "/functions/create-ticket", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        Response noId = api.binaryEvent("/syncTicket", HttpApi.newId(), TicketCreated.TYPE, "/functions/create-ticket",
                "{\"version\":0,\"title\":\"t\",\"price\":1}");
        assertThat(noId.status()).isEqualTo(422);
        assertThat(mongo.getCollection("tickets").countDocuments()).isZero();
    }

    /** {@code func invoke --format cloudevent}: the service root, signed as the platform signs its deliveries. */
    @Test
    void keepsTheTicketViewFromTicketEventsSentToTheServiceRootInEitherMode() {
        String id = new ObjectId().toHexString();

        Response created = api.binaryEvent("/", HttpApi.newId(), TicketCreated.TYPE, "/functions/create-ticket",
                ticketCreated(id, "concert", "10"));
        Response updated = api.structuredEvent("/", HttpApi.newId(), TicketUpdated.TYPE, "/functions/update-ticket",
                ticketUpdated(id, 1, "new concert", "15"));

        assertThat(created.status()).isEqualTo(202);
        assertThat(created.body()).isEmpty();
        assertThat(created.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(updated.status()).isEqualTo(202);
        assertThat(ticketView(id).getString("title")).isEqualTo("new concert");
        assertThat(ticketView(id).get("version")).isEqualTo(1L);
    }

    @Test
    void refusesAnUnsignedTicketEventAtTheServiceRoot() {
        String id = new ObjectId().toHexString();

        Response unsigned = api.binaryEvent("/", HttpApi.newId(), TicketCreated.TYPE, "/functions/create-ticket",
                ticketCreated(id, "concert", "10"), null);

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(ticketView(id)).isNull();
    }

    /** {@code func invoke} (plain JSON at the service root) is the route {@code POST /api/orders}, session and all. */
    @Test
    void placesAnOrderSentAsPlainJsonToTheServiceRootAsTheRouteDoes() {
        String ticket = knownTicket();

        Response signedOut = api.post("/", "{\"ticketId\":\"" + ticket + "\",\"userId\":\"" + BUYER + "\"}");
        Response missing = api.post("/", "{}", "Cookie", cookie(BUYER));
        Response placed = api.post("/", "{\"ticketId\":\"" + ticket + "\",\"userId\":\"" + OTHER + "\"}",
                "Authorization", "Bearer " + TestTokens.valid(BUYER, "b@test.com"));

        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.errorMessage()).isEqualTo("Not authorized");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).isEqualTo("TicketId must be provided");
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("userId").asString()).isEqualTo(BUYER);
        assertThat(placed.json().get("ticket").get("id").asString()).isEqualTo(ticket);
        assertThat(sink.await(OrderCreated.TYPE).subject()).isEqualTo(placed.json().get("id").asString());
    }

    @Test
    void servesNoCommandFunctionAtItsOwnPath() {
        String ticket = knownTicket();

        Response response = api.post("/placeOrder", "{\"userId\":\"" + BUYER + "\",\"ticketId\":\"" + ticket + "\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorMessage()).isEqualTo("Not Found");
        assertThat(mongo.getCollection("orders").countDocuments()).isZero();
    }

    @Test
    void doesNotExposePlaceOrderAsAnEventEndpoint() {
        String ticket = knownTicket();
        Response response = api.binaryEvent("/placeOrder", HttpApi.newId(), TicketCreated.TYPE, "/test",
                "{\"userId\":\"" + BUYER + "\",\"ticketId\":\"" + ticket + "\"}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(mongo.getCollection("orders").countDocuments()).isZero();
    }

    @Test
    void relaysAnOrderCreatedOwedAfterAFailedPublish() {
        String ticket = knownTicket();
        sink.failNext(1);
        String id = order(BUYER, ticket).json().get("id").asString();
        assertThat(sink.ofType(OrderCreated.TYPE)).isEmpty();

        Response tick = api.binaryEvent("/relayOutbox", HttpApi.newId(), "dev.knative.sources.ping",
                "/apis/v1/namespaces/ticketing/pingsources/relay", "{}");

        assertThat(tick.status()).isEqualTo(202);
        assertThat(sink.await(OrderCreated.TYPE).subject()).isEqualTo(id);
        assertThat(mongo.getCollection("orders").find().first().getList("outbox", Object.class)).isEmpty();
    }
}
