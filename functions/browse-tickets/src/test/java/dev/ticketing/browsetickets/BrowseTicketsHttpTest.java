package dev.ticketing.browsetickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.ticket.NewTicket;
import dev.ticketing.ticket.TicketDetails;
import dev.ticketing.ticket.TicketService;
import dev.ticketing.ticket.store.MongoTickets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@FunctionTest
class BrowseTicketsHttpTest extends FunctionTestSupport {

    static final String OWNER = "5f1e2d3c4b5a69788796a5b4";
    static final Instant T0 = Instant.parse("2025-06-01T18:00:00Z");

    @Autowired
    EventEnvelopes envelopes;
    @Autowired
    Outbox outbox;

    MongoTickets store;

    @BeforeEach
    void setUp() {
        store = new MongoTickets(mongo, envelopes, outbox);
    }

    /** Lists a ticket as create-ticket does, {@code secondsLater} after {@link #T0}. */
    String listed(String title, String price, int secondsLater) {
        TicketService tickets = new TicketService(store, Clock.fixed(T0.plusSeconds(secondsLater), ZoneOffset.UTC));
        return tickets.create(new NewTicket(OWNER, new TicketDetails(title, price))).id();
    }

    void reserve(String ticketId, String orderId) {
        new TicketService(store, Clock.systemUTC()).reserve(ticketId, orderId);
    }

    static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.json().forEach(t -> ids.add(t.get("id").asString()));
        return ids;
    }

    @Test
    void answers404ForAnUnknownTicket() {
        Response response = api.get("/api/tickets/" + new ObjectId().toHexString());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorMessage()).isEqualTo("Not Found");
    }

    @Test
    void answers404ForMalformedIds() {
        for (String id : new String[] {"not-an-id", "123", "%7B%7D", "zzzzzzzzzzzzzzzzzzzzzzzz", "x".repeat(300)}) {
            assertThat(api.get("/api/tickets/" + id).status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void showsATicket() {
        String id = listed("concert", "20", 0);

        Response response = api.get("/api/tickets/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"" + id + "\",\"title\":\"concert\",\"price\":20,\"userId\":\""
                + OWNER + "\",\"version\":0}");
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
    }

    @Test
    void showsTheOrderOfAReservedTicket() {
        String id = listed("concert", "10.5", 0);
        String order = new ObjectId().toHexString();
        reserve(id, order);

        JsonNode ticket = api.get("/api/tickets/" + id).json();

        assertThat(ticket.get("orderId").asString()).isEqualTo(order);
        assertThat(ticket.get("version").asLong()).isEqualTo(1);
        assertThat(ticket.get("price").decimalValue()).isEqualByComparingTo("10.5");
    }

    @Test
    void listsTicketsAsAPlainArray() {
        listed("one", "20", 0);
        listed("two", "20", 1);
        listed("three", "20", 2);

        Response response = api.get("/api/tickets");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        assertThat(response.json()).hasSize(3);
        assertThat(response.header("next-cursor")).isNull();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
    }

    @Test
    void answersAHeadRequestOfTheCatalogueAsItsGet() {
        assertThat(api.head("/api/tickets").status()).isEqualTo(200);
        assertThat(api.head("/api/tickets/" + new ObjectId().toHexString()).status()).isEqualTo(404);
    }

    @Test
    void listsAnEmptyCatalogueAsAnEmptyArray() {
        Response response = api.get("/api/tickets");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void listsOnlyUnreservedTicketsNewestFirst() {
        String oldest = listed("oldest", "20", 0);
        String reserved = listed("reserved", "20", 1);
        String newest = listed("newest", "20", 2);
        reserve(reserved, new ObjectId().toHexString());

        Response response = api.get("/api/tickets");

        assertThat(ids(response)).containsExactly(newest, oldest);
        assertThat(response.json().get(0).has("orderId")).isFalse();
    }

    @Test
    void pagesWithLimitAndTheNextCursorHeader() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.addFirst(listed("ticket " + i, "20", i));
        }

        Response first = api.get("/api/tickets?limit=2");
        Response second = api.get("/api/tickets?limit=2&cursor=" + first.header("next-cursor"));
        Response third = api.get("/api/tickets?limit=2&cursor=" + second.header("next-cursor"));

        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(ids(third)).containsExactlyElementsOf(newestFirst.subList(4, 5));
        assertThat(first.header("next-cursor")).isNotBlank();
        assertThat(first.header("link")).isEqualTo("</api/tickets?limit=2&cursor=" + first.header("next-cursor")
                + ">; rel=\"next\"");
        assertThat(third.header("next-cursor")).isNull();
        assertThat(third.header("link")).isNull();
    }

    @Test
    void aPageDoesNotShiftWhenNewerTicketsAreListed() {
        String a = listed("a", "20", 0);
        String b = listed("b", "20", 1);
        String c = listed("c", "20", 2);
        Response first = api.get("/api/tickets?limit=1");
        listed("d", "20", 3);

        Response second = api.get("/api/tickets?limit=5&cursor=" + first.header("next-cursor"));

        assertThat(ids(first)).containsExactly(c);
        assertThat(ids(second)).containsExactly(b, a);
    }

    @Test
    void capsTheLimit() {
        for (int i = 0; i < 3; i++) {
            listed("ticket " + i, "20", i);
        }
        assertThat(api.get("/api/tickets?limit=100000").json()).hasSize(3);
    }

    @Test
    void refusesAnInvalidLimitOrCursorWith400() {
        for (String query : new String[] {"limit=0", "limit=-3", "limit=abc", "limit=1.5"}) {
            Response response = api.get("/api/tickets?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
        for (String query : new String[] {"cursor=nope", "cursor=%00", "cursor=" + "A".repeat(100)}) {
            Response response = api.get("/api/tickets?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
        }
    }

    @Test
    void exposesNoEventEndpointsInEitherMode() {
        String id = listed("concert", "20", 0);
        EventSink.shared().clear();
        for (String function : new String[] {"listTickets", "showTicket", "relayOutbox"}) {
            Response binary = api.binaryEvent("/" + function, HttpApi.newId(), TicketCreated.TYPE,
                    "/functions/create-ticket", "{\"id\":\"" + id + "\"}");
            Response structured = api.structuredEvent("/" + function, HttpApi.newId(), TicketCreated.TYPE,
                    "/functions/create-ticket", "{\"id\":\"" + id + "\"}");
            assertThat(binary.status()).as(function).isEqualTo(404);
            assertThat(structured.status()).as(function).isEqualTo(404);
            assertThat(binary.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        }
        assertThat(EventSink.shared().received()).isEmpty();
        assertThat(mongo.getCollection("tickets").find().first().get("version")).isEqualTo(0L);
    }

    @Test
    void answersOtherMethodsAndRoutesInTheErrorFormat() {
        assertThat(api.get("/api/tickets/a/b").status()).isEqualTo(404);
        assertThat(api.get("/api/nothing").status()).isEqualTo(404);
        Response post = api.post("/api/tickets", "{\"title\":\"x\",\"price\":1}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.json().get("errors")).isNotNull();
    }
}
