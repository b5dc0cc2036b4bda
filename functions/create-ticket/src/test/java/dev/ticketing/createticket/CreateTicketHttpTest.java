package dev.ticketing.createticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.TicketCreated;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@FunctionTest
class CreateTicketHttpTest extends FunctionTestSupport {

    static final String USER = "5f1e2d3c4b5a69788796a5b4";
    static final String COOKIE = TestTokens.cookie(TestTokens.valid(USER, "seller@test.com"));

    Response create(String json) {
        return api.post("/api/tickets", json, "Cookie", COOKIE);
    }

    long storedTickets() {
        return mongo.getCollection("tickets").countDocuments();
    }

    @Test
    void servesPostApiTickets() {
        assertThat(api.post("/api/tickets", "{}").status()).isNotEqualTo(404);
    }

    @Test
    void requiresSignIn() {
        Response response = api.post("/api/tickets", "{\"title\":\"concert\",\"price\":20}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorMessage()).isEqualTo("Not authorized");
        assertThat(storedTickets()).isZero();
    }

    @Test
    void refusesBadTokens() {
        for (String token : new String[] {TestTokens.expired(USER, "a@test.com"), TestTokens.tampered(USER, "a@test.com"),
                TestTokens.algNone(USER, "a@test.com"), TestTokens.signedWithOtherKey(USER, "a@test.com")}) {
            assertThat(api.post("/api/tickets", "{\"title\":\"concert\",\"price\":20}", "Cookie",
                    TestTokens.cookie(token)).status()).isEqualTo(401);
        }
        assertThat(storedTickets()).isZero();
    }

    @Test
    void acceptsABearerToken() {
        Response response = api.post("/api/tickets", "{\"title\":\"concert\",\"price\":20}", "Authorization",
                "Bearer " + TestTokens.valid(USER, "seller@test.com"));
        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void refusesAnInvalidTitle() {
        for (String body : new String[] {"{\"title\":\"\",\"price\":10}", "{\"price\":10}", "{\"title\":\"  \",\"price\":10}"}) {
            Response response = create(body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorMessage()).isEqualTo("Title is required");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("title");
        }
        assertThat(create("{\"title\":\"" + "x".repeat(201) + "\",\"price\":10}").status()).isEqualTo(400);
        assertThat(storedTickets()).isZero();
    }

    @Test
    void refusesAnInvalidPrice() {
        for (String body : new String[] {"{\"title\":\"concert\",\"price\":-10}", "{\"title\":\"concert\"}",
                "{\"title\":\"concert\",\"price\":0}", "{\"title\":\"concert\",\"price\":\"abc\"}"}) {
            Response response = create(body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorMessage()).isEqualTo("Price must be greater than 0");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("price");
        }
        assertThat(create("{\"title\":\"concert\",\"price\":10.001}").errorMessage())
                .isEqualTo("Price must have at most two decimal places");
        assertThat(create("{\"title\":\"concert\",\"price\":1e9}").errorMessage())
                .isEqualTo("Price must be at most 999999.99");
        assertThat(storedTickets()).isZero();
    }

    @Test
    void refusesMalformedBodiesWith400() {
        assertThat(create("{not json").status()).isEqualTo(400);
        assertThat(create("").status()).isEqualTo(400);
        assertThat(create("{\"title\":[\"a\"],\"price\":10}").status()).isEqualTo(400);
        assertThat(create("{\"title\":\"concert\",\"price\":{\"amount\":10}}").status()).isEqualTo(400);
        assertThat(create("[]").status()).isEqualTo(400);
        assertThat(storedTickets()).isZero();
    }

    @Test
    void createsATicketWithValidInputs() {
        Response response = create("{\"title\":\"concert\",\"price\":20}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode ticket = response.json();
        String id = ticket.get("id").asString();
        assertThat(response.body()).isEqualTo("{\"id\":\"" + id
                + "\",\"title\":\"concert\",\"price\":20,\"userId\":\"" + USER + "\",\"version\":0}");
        assertThat(response.header("location")).isEqualTo("/api/tickets/" + id);
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        Document stored = mongo.getCollection("tickets").find().first();
        assertThat(stored.get("_id").toString()).isEqualTo(id);
        assertThat(stored.get("title")).isEqualTo("concert");
        assertThat(stored.get("priceCents")).isEqualTo(2000L);
        assertThat(stored.get("userId")).isEqualTo(USER);
        assertThat(stored.get("version")).isEqualTo(0L);
    }

    @Test
    void listsTheTicketForTheCallerWhateverTheBodyClaims() {
        Response response = create("{\"title\":\"concert\",\"price\":20,\"userId\":\"000000000000000000000000\","
                + "\"version\":7,\"orderId\":\"x\",\"id\":\"111111111111111111111111\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("userId").asString()).isEqualTo(USER);
        assertThat(response.json().get("version").asLong()).isZero();
        assertThat(response.json().has("orderId")).isFalse();
        assertThat(response.json().get("id").asString()).isNotEqualTo("111111111111111111111111");
    }

    @Test
    void keepsDecimalPricesExact() {
        Response decimal = create("{\"title\":\"concert\",\"price\":10.5}");
        Response cents = create("{\"title\":\"concert\",\"price\":\"0.10\"}");
        Response tricky = create("{\"title\":\"concert\",\"price\":0.29}");

        assertThat(decimal.body()).contains("\"price\":10.5,");
        assertThat(cents.body()).contains("\"price\":0.1,");
        assertThat(tricky.body()).contains("\"price\":0.29,");
        assertThat(mongo.getCollection("tickets").find(new Document("_id",
                new org.bson.types.ObjectId(tricky.json().get("id").asString()))).first().get("priceCents"))
                .isEqualTo(29L);
    }

    @Test
    void publishesTicketCreated() {
        String id = create("{\"title\":\"concert\",\"price\":10.5}").json().get("id").asString();

        EventSink.Received event = sink.await(TicketCreated.TYPE);
        assertThat(event.source()).isEqualTo("/functions/create-ticket");
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.header("ce-partitionkey")).isEqualTo(id);
        assertThat(event.header("ce-specversion")).isEqualTo("1.0");
        assertThat(event.header("ce-time")).isNotBlank();
        assertThat(event.id()).isNotBlank();
        assertThat(event.header("content-type")).startsWith("application/json");
        assertThat(event.body()).isEqualTo("{\"id\":\"" + id
                + "\",\"version\":0,\"title\":\"concert\",\"price\":10.5,\"userId\":\"" + USER + "\"}");
        assertThat(mongo.getCollection("tickets").find().first().getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void deliversTicketCreatedOwedAfterAFailedPublishOnTheNextRelayTickInBinaryMode() {
        sink.failNext(1);
        String id = create("{\"title\":\"concert\",\"price\":20}").json().get("id").asString();
        assertThat(sink.ofType(TicketCreated.TYPE)).isEmpty();
        assertThat(mongo.getCollection("tickets").find().first().getList("outbox", Object.class)).hasSize(1);

        Response tick = api.binaryEvent("/relayOutbox", HttpApi.newId(), "dev.knative.sources.ping",
                "/apis/v1/namespaces/ticketing/pingsources/relay", "{}");

        assertThat(tick.status()).isEqualTo(202);
        assertThat(tick.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        EventSink.Received event = sink.await(TicketCreated.TYPE);
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.source()).isEqualTo("/functions/create-ticket");
        assertThat(mongo.getCollection("tickets").find().first().getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void relayTickAcceptsStructuredMode() {
        sink.failNext(1);
        String id = create("{\"title\":\"concert\",\"price\":20}").json().get("id").asString();

        Response tick = api.structuredEvent("/relayOutbox", HttpApi.newId(), "dev.knative.sources.ping",
                "/apis/v1/namespaces/ticketing/pingsources/relay", "{}");

        assertThat(tick.status()).isEqualTo(202);
        assertThat(tick.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(sink.await(TicketCreated.TYPE).subject()).isEqualTo(id);
    }

    @Test
    void doesNotExposeCreateTicketAsAnEventEndpoint() {
        Response response = api.binaryEvent("/createTicket", HttpApi.newId(), TicketCreated.TYPE, "/test",
                "{\"userId\":\"" + USER + "\",\"details\":{\"title\":\"x\",\"price\":\"1\"}}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(storedTickets()).isZero();
    }

    @Test
    void answersUnknownRoutesWith404() {
        assertThat(api.get("/api/tickets/nothing/here").status()).isEqualTo(404);
        assertThat(api.post("/api/tickets/x/y", "{}", "Cookie", COOKIE).status()).isEqualTo(404);
    }
}
