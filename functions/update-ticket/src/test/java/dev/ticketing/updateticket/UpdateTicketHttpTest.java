package dev.ticketing.updateticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestTokens;
import dev.ticketing.ticket.NewTicket;
import dev.ticketing.ticket.TicketDetails;
import dev.ticketing.ticket.TicketService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@FunctionTest
class UpdateTicketHttpTest extends FunctionTestSupport {

    static final String OWNER = "5f1e2d3c4b5a69788796a5b4";
    static final String OTHER = "5f1e2d3c4b5a69788796a5b5";
    static final String OWNER_COOKIE = TestTokens.cookie(TestTokens.valid(OWNER, "owner@test.com"));
    static final String OTHER_COOKIE = TestTokens.cookie(TestTokens.valid(OTHER, "other@test.com"));
    static final String ORDERS = "/functions/place-order";

    @Autowired
    TicketService tickets;

    /** A ticket listed by {@link #OWNER} at version 0; the sink is cleared afterwards. */
    String listed() {
        String id = tickets.create(new NewTicket(OWNER, new TicketDetails("concert", "20"))).id();
        sink.clear();
        return id;
    }

    Response put(String id, String json, String cookie) {
        return api.put("/api/tickets/" + id, json, "Cookie", cookie);
    }

    Document stored(String id) {
        return mongo.getCollection("tickets").find(new Document("_id", new ObjectId(id))).first();
    }

    static String orderCreated(String orderId, String ticketId) {
        return "{\"id\":\"" + orderId + "\",\"version\":0,\"status\":\"created\",\"userId\":\"" + OTHER
                + "\",\"expiresAt\":\"2030-01-01T00:15:00Z\",\"ticket\":{\"id\":\"" + ticketId + "\",\"price\":20}}";
    }

    static String orderEnded(String orderId, String ticketId) {
        return "{\"id\":\"" + orderId + "\",\"version\":1,\"ticket\":{\"id\":\"" + ticketId + "\"}}";
    }

    Response reserve(String orderId, String ticketId) {
        return api.binaryEvent("/reserveTicket", HttpApi.newId(), OrderCreated.TYPE, ORDERS,
                orderCreated(orderId, ticketId));
    }

    static void assertNoCloudEventHeaders(Response response) {
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
    }

    // --- PUT /api/tickets/{id}: the original app's tests, in its check order ---

    @Test
    void answers404ForAnUnknownOrMalformedId() {
        assertThat(put(new ObjectId().toHexString(), "{\"title\":\"opera\",\"price\":20}", OWNER_COOKIE).status())
                .isEqualTo(404);
        Response malformed = put("not-an-id", "{\"title\":\"opera\",\"price\":20}", OWNER_COOKIE);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.errorMessage()).isEqualTo("Not Found");
    }

    @Test
    void answers401WhenSignedOutBeforeAnythingElse() {
        String id = listed();
        assertThat(api.put("/api/tickets/" + id, "{\"title\":\"opera\",\"price\":20}").status()).isEqualTo(401);
        assertThat(api.put("/api/tickets/not-an-id", "{\"title\":\"\"}").status()).isEqualTo(401);
        assertThat(api.put("/api/tickets/" + id, "{not json").status()).isEqualTo(401);
        assertThat(stored(id).get("title")).isEqualTo("concert");
    }

    @Test
    void answers401WhenTheUserDoesNotOwnTheTicket() {
        String id = listed();

        Response response = put(id, "{\"title\":\"opera\",\"price\":1000}", OTHER_COOKIE);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorMessage()).isEqualTo("Not authorized");
        assertThat(stored(id).get("title")).isEqualTo("concert");
        assertThat(stored(id).get("version")).isEqualTo(0L);
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void answers400ForAnInvalidTitleOrPriceBeforeLookingTheTicketUp() {
        String id = listed();

        Response title = put(id, "{\"title\":\"\",\"price\":20}", OWNER_COOKIE);
        Response price = put(id, "{\"title\":\"opera\",\"price\":-10}", OWNER_COOKIE);
        Response unknown = put(new ObjectId().toHexString(), "{\"title\":\"\",\"price\":20}", OTHER_COOKIE);

        assertThat(title.status()).isEqualTo(400);
        assertThat(title.errorMessage()).isEqualTo("Title is required");
        assertThat(title.json().get("errors").get(0).get("field").asString()).isEqualTo("title");
        assertThat(price.status()).isEqualTo(400);
        assertThat(price.errorMessage()).isEqualTo("Price must be greater than 0");
        assertThat(price.json().get("errors").get(0).get("field").asString()).isEqualTo("price");
        assertThat(put(id, "{\"title\":\"opera\"}", OWNER_COOKIE).status()).isEqualTo(400);
        assertThat(put(id, "{not json", OWNER_COOKIE).status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(stored(id).get("version")).isEqualTo(0L);
    }

    @Test
    void updatesTheTicketWithValidInputs() {
        String id = listed();

        Response response = put(id, "{\"title\":\"new title\",\"price\":100.5}", OWNER_COOKIE);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"" + id
                + "\",\"title\":\"new title\",\"price\":100.5,\"userId\":\"" + OWNER + "\",\"version\":1}");
        assertNoCloudEventHeaders(response);
        assertThat(stored(id).get("title")).isEqualTo("new title");
        assertThat(stored(id).get("priceCents")).isEqualTo(10050L);
    }

    @Test
    void publishesTicketUpdated() {
        String id = listed();

        put(id, "{\"title\":\"new title\",\"price\":100}", OWNER_COOKIE);

        EventSink.Received event = sink.await(TicketUpdated.TYPE);
        assertThat(event.source()).isEqualTo("/functions/update-ticket");
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.header("ce-partitionkey")).isEqualTo(id);
        assertThat(event.header("ce-specversion")).isEqualTo("1.0");
        assertThat(event.header("ce-time")).isNotBlank();
        assertThat(event.id()).isNotBlank();
        assertThat(event.body()).isEqualTo("{\"id\":\"" + id + "\",\"version\":1,\"title\":\"new title\",\"price\":100,"
                + "\"userId\":\"" + OWNER + "\",\"orderId\":null}");
        assertThat(stored(id).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void rejectsEditsOfAReservedTicketByItsOwnerAndAnswersOthersAsNotTheOwner() {
        String id = listed();
        reserve(new ObjectId().toHexString(), id);

        Response owner = put(id, "{\"title\":\"new title\",\"price\":100}", OWNER_COOKIE);
        Response other = put(id, "{\"title\":\"new title\",\"price\":100}", OTHER_COOKIE);

        assertThat(owner.status()).isEqualTo(400);
        assertThat(owner.errorMessage()).isEqualTo("Cannot edit a reserved ticket");
        assertThat(other.status()).isEqualTo(401);
        assertThat(other.body()).isEqualTo("{\"errors\":[{\"message\":\"Not authorized\"}]}");
        assertThat(stored(id).get("title")).isEqualTo("concert");
    }

    @Test
    void incrementsTheVersionFromZeroToOneToTwo() {
        String id = listed();
        assertThat(stored(id).get("version")).isEqualTo(0L);

        assertThat(put(id, "{\"title\":\"one\",\"price\":10}", OWNER_COOKIE).json().get("version").asLong()).isEqualTo(1);
        assertThat(put(id, "{\"title\":\"two\",\"price\":10}", OWNER_COOKIE).json().get("version").asLong()).isEqualTo(2);

        assertThat(stored(id).get("version")).isEqualTo(2L);
        assertThat(sink.ofType(TicketUpdated.TYPE)).extracting(EventSink.Received::body)
                .anySatisfy(b -> assertThat(b).contains("\"version\":1,\"title\":\"one\""))
                .anySatisfy(b -> assertThat(b).contains("\"version\":2,\"title\":\"two\""));
    }

    @Test
    void concurrentUpdatesNeverLoseOne() throws Exception {
        String id = listed();
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String body = "{\"title\":\"writer " + i + "\",\"price\":" + (10 + i) + "}";
            calls.add(() -> put(id, body, OWNER_COOKIE));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            responses.add(f.get());
        }
        pool.shutdown();

        List<Response> saved = responses.stream().filter(r -> r.status() == 200).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(200, 409));
        assertThat(saved).isNotEmpty();
        // every accepted update has its own version and its own event; the stored one is the last of them
        assertThat(saved).extracting(r -> r.json().get("version").asLong()).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).isBetween(1L, (long) saved.size()));
        assertThat(stored(id).get("version")).isEqualTo((long) saved.size());
        Response last = saved.stream().filter(r -> r.json().get("version").asLong() == saved.size()).findFirst()
                .orElseThrow();
        assertThat(stored(id).get("title")).isEqualTo(last.json().get("title").asString());
        org.awaitility.Awaitility.await().untilAsserted(
                () -> assertThat(sink.ofType(TicketUpdated.TYPE)).hasSize(saved.size()));
        responses.stream().filter(r -> r.status() == 409).forEach(r -> assertThat(r.errorMessage())
                .isEqualTo("The resource was changed by someone else; reload it and try again"));
    }

    // --- reserveTicket: order.created ---

    @Test
    void reservesTheTicketOnABinaryOrderCreated() {
        String id = listed();
        String order = new ObjectId().toHexString();

        Response response = reserve(order, id);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertNoCloudEventHeaders(response);
        assertThat(stored(id).get("orderId")).isEqualTo(order);
        assertThat(stored(id).get("version")).isEqualTo(1L);
        EventSink.Received event = sink.await(TicketUpdated.TYPE);
        assertThat(event.source()).isEqualTo("/functions/update-ticket");
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.header("ce-partitionkey")).isEqualTo(id);
        assertThat(event.body()).isEqualTo("{\"id\":\"" + id + "\",\"version\":1,\"title\":\"concert\",\"price\":20,"
                + "\"userId\":\"" + OWNER + "\",\"orderId\":\"" + order + "\"}");
    }

    @Test
    void aDuplicateOrderCreatedInStructuredModeChangesNothingAndPublishesTheResultAgain() {
        String id = listed();
        String order = new ObjectId().toHexString();
        String eventId = HttpApi.newId();
        assertThat(api.binaryEvent("/reserveTicket", eventId, OrderCreated.TYPE, ORDERS, orderCreated(order, id))
                .status()).isEqualTo(202);

        Response again = api.structuredEvent("/reserveTicket", eventId, OrderCreated.TYPE, ORDERS,
                orderCreated(order, id));

        assertThat(again.status()).isEqualTo(202);
        assertNoCloudEventHeaders(again);
        assertThat(stored(id).get("version")).isEqualTo(1L);
        assertThat(stored(id).get("orderId")).isEqualTo(order);
        org.awaitility.Awaitility.await().untilAsserted(
                () -> assertThat(sink.ofType(TicketUpdated.TYPE)).hasSize(2));
        List<EventSink.Received> events = sink.ofType(TicketUpdated.TYPE);
        assertThat(events.get(1).body()).isEqualTo(events.get(0).body());
        assertThat(events.get(1).source()).isEqualTo("/functions/update-ticket");
    }

    @Test
    void anOrderCreatedWhileAnotherOrderHoldsTheTicketIsRetriedLater() {
        String id = listed();
        String first = new ObjectId().toHexString();
        reserve(first, id);

        Response second = reserve(new ObjectId().toHexString(), id);

        assertThat(second.status()).isEqualTo(503);
        assertNoCloudEventHeaders(second);
        assertThat(stored(id).get("orderId")).isEqualTo(first);
    }

    @Test
    void refusesOrderCreatedForAnUnknownTicketOrWithBadDataWith4xx() {
        Response unknown = reserve(new ObjectId().toHexString(), new ObjectId().toHexString());
        Response noTicket = api.binaryEvent("/reserveTicket", HttpApi.newId(), OrderCreated.TYPE, ORDERS,
                "{\"id\":\"" + new ObjectId().toHexString() + "\",\"version\":0}");
        Response notJson = api.binaryEvent("/reserveTicket", HttpApi.newId(), OrderCreated.TYPE, ORDERS, "{oops");
        Response wrongType = api.binaryEvent("/reserveTicket", HttpApi.newId(), OrderCancelled.TYPE, ORDERS,
                orderEnded(new ObjectId().toHexString(), new ObjectId().toHexString()));

        for (Response response : List.of(unknown, noTicket, notJson, wrongType)) {
            assertThat(response.status()).isBetween(400, 499).isNotEqualTo(404);
            assertNoCloudEventHeaders(response);
        }
        assertThat(sink.received()).isEmpty();
    }

    // --- releaseTicket: order.cancelled, order.expired ---

    /** The service root routes by type: order.created to reserveTicket, order.cancelled to releaseTicket. */
    @Test
    void reservesAndReleasesTheTicketOnEventsSentToTheServiceRoot() {
        String id = listed();
        String order = new ObjectId().toHexString();

        Response reserved = api.binaryEvent("/", HttpApi.newId(), OrderCreated.TYPE, ORDERS, orderCreated(order, id));
        String reservedBy = stored(id).getString("orderId");
        Response released = api.structuredEvent("/", HttpApi.newId(), OrderCancelled.TYPE, "/functions/cancel-order",
                orderEnded(order, id));

        assertThat(reserved.status()).isEqualTo(202);
        assertNoCloudEventHeaders(reserved);
        assertThat(reservedBy).isEqualTo(order);
        assertThat(released.status()).isEqualTo(202);
        assertThat(stored(id).containsKey("orderId")).isFalse();
        assertThat(stored(id).get("version")).isEqualTo(2L);
    }

    @Test
    void refusesAPlainRequestOrAnUnsignedEventAtTheServiceRoot() {
        String id = listed();

        Response plain = api.post("/", "{\"title\":\"new\",\"price\":\"5\"}", "Cookie", cookie(OWNER));
        Response unsigned = api.binaryEvent("/", HttpApi.newId(), OrderCreated.TYPE, ORDERS,
                orderCreated(new ObjectId().toHexString(), id), null);

        assertThat(plain.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(stored(id).get("version")).isEqualTo(0L);
    }

    @Test
    void releasesTheTicketOnABinaryOrderCancelled() {
        String id = listed();
        String order = new ObjectId().toHexString();
        reserve(order, id);

        Response response = api.binaryEvent("/releaseTicket", HttpApi.newId(), OrderCancelled.TYPE,
                "/functions/cancel-order", orderEnded(order, id));

        assertThat(response.status()).isEqualTo(202);
        assertNoCloudEventHeaders(response);
        assertThat(stored(id).containsKey("orderId")).isFalse();
        assertThat(stored(id).get("version")).isEqualTo(2L);
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(sink.ofType(TicketUpdated.TYPE)).hasSize(2));
        EventSink.Received event = sink.ofType(TicketUpdated.TYPE).getLast();
        assertThat(event.source()).isEqualTo("/functions/update-ticket");
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.body()).contains("\"version\":2").contains("\"orderId\":null");
    }

    @Test
    void releasesTheTicketOnAStructuredOrderExpired() {
        String id = listed();
        String order = new ObjectId().toHexString();
        reserve(order, id);

        Response response = api.structuredEvent("/releaseTicket", HttpApi.newId(), OrderExpired.TYPE,
                "/functions/expire-order", orderEnded(order, id));

        assertThat(response.status()).isEqualTo(202);
        assertNoCloudEventHeaders(response);
        assertThat(stored(id).containsKey("orderId")).isFalse();
        assertThat(stored(id).get("version")).isEqualTo(2L);
    }

    @Test
    void aStaleOrderCancelledNeverReleasesANewerReservation() {
        String id = listed();
        String expired = new ObjectId().toHexString();
        String newer = new ObjectId().toHexString();
        reserve(expired, id);
        api.binaryEvent("/releaseTicket", HttpApi.newId(), OrderExpired.TYPE, "/functions/expire-order",
                orderEnded(expired, id));
        reserve(newer, id);

        Response late = api.binaryEvent("/releaseTicket", HttpApi.newId(), OrderCancelled.TYPE,
                "/functions/cancel-order", orderEnded(expired, id));
        Response neverSeen = api.structuredEvent("/releaseTicket", HttpApi.newId(), OrderCancelled.TYPE,
                "/functions/cancel-order", orderEnded(new ObjectId().toHexString(), id));

        assertThat(late.status()).isEqualTo(202);
        assertThat(neverSeen.status()).isEqualTo(202);
        assertThat(stored(id).get("orderId")).isEqualTo(newer);
        assertThat(stored(id).get("version")).isEqualTo(3L);
    }

    @Test
    void anOrderCancelledThatOvertookItsOrderCreatedKeepsTheTicketFree() {
        String id = listed();
        String order = new ObjectId().toHexString();

        Response cancelled = api.binaryEvent("/releaseTicket", HttpApi.newId(), OrderCancelled.TYPE,
                "/functions/cancel-order", orderEnded(order, id));
        Response created = reserve(order, id);

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(created.status()).isEqualTo(202);
        assertThat(stored(id).containsKey("orderId")).isFalse();
        assertThat(stored(id).get("version")).isEqualTo(0L);
        assertThat(sink.ofType(TicketUpdated.TYPE)).isEmpty();
    }

    @Test
    void refusesAnOrderEndForAnUnknownTicketWith4xx() {
        Response response = api.binaryEvent("/releaseTicket", HttpApi.newId(), OrderExpired.TYPE,
                "/functions/expire-order", orderEnded(new ObjectId().toHexString(), "not-an-id"));
        assertThat(response.status()).isBetween(400, 499).isNotEqualTo(404);
        Response created = api.binaryEvent("/releaseTicket", HttpApi.newId(), OrderCreated.TYPE, ORDERS,
                orderCreated(new ObjectId().toHexString(), new ObjectId().toHexString()));
        assertThat(created.status()).isEqualTo(400);
    }

    @Test
    void relaysOwedTicketUpdatedOnAPingTick() {
        String id = listed();
        sink.failNext(1);
        reserve(new ObjectId().toHexString(), id);
        assertThat(sink.ofType(TicketUpdated.TYPE)).isEmpty();

        Response tick = api.structuredEvent("/relayOutbox", HttpApi.newId(), "dev.knative.sources.ping",
                "/apis/v1/namespaces/ticketing/pingsources/relay", "{}");

        assertThat(tick.status()).isEqualTo(202);
        assertNoCloudEventHeaders(tick);
        assertThat(sink.await(TicketUpdated.TYPE).subject()).isEqualTo(id);
        assertThat(stored(id).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void doesNotExposeUpdateTicketAsAnEventEndpoint() {
        String id = listed();
        Response response = api.binaryEvent("/updateTicket", HttpApi.newId(), TicketUpdated.TYPE, "/test",
                "{\"ticketId\":\"" + id + "\",\"userId\":\"" + OWNER + "\",\"details\":{\"title\":\"x\",\"price\":\"1\"}}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(stored(id).get("title")).isEqualTo("concert");
    }
}
