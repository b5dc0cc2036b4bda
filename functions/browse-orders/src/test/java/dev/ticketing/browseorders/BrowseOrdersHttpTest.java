package dev.ticketing.browseorders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.TicketCreated;
import dev.ticketing.order.OrderPage;
import dev.ticketing.order.OrderQuery;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestTokens;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

@FunctionTest
class BrowseOrdersHttpTest extends FunctionTestSupport {

    static final String BUYER = new ObjectId().toHexString();
    static final String OTHER = new ObjectId().toHexString();

    @Autowired
    OrderService orders;
    @Autowired
    @Qualifier("listOrders")
    Function<OrderQuery, OrderPage> listOrders;
    @Autowired
    @Qualifier("showOrder")
    Function<OrderRequest, OrderView> showOrder;

    OrderView placed(String userId, String title) {
        String ticket = new ObjectId().toHexString();
        orders.syncTicket(new TicketCreated(ticket, 0, title, new BigDecimal("20"), new ObjectId().toHexString()));
        return orders.place(new PlaceOrder(userId, ticket));
    }

    static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(o -> ids.add(o.get("id").asString()));
        return ids;
    }

    @Test
    void fetchesTheOrder() {
        OrderView order = placed(BUYER, "concert");

        Response response = api.get("/api/orders/" + order.id(), "Cookie", cookie(BUYER));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("id").asString()).isEqualTo(order.id());
        assertThat(body.get("status").asString()).isEqualTo("created");
        assertThat(body.get("userId").asString()).isEqualTo(BUYER);
        assertThat(body.get("version").asLong()).isZero();
        assertThat(body.get("expiresAt").asString()).isEqualTo(order.expiresAt().toString());
        assertThat(body.get("ticket").get("id").asString()).isEqualTo(order.ticket().id());
        assertThat(body.get("ticket").get("title").asString()).isEqualTo("concert");
        assertThat(body.get("ticket").get("price").decimalValue()).isEqualByComparingTo("20");
        assertThat(body.get("ticket").get("version").asLong()).isZero();
        assertThat(body.has("_id")).isFalse();
        assertThat(body.has("outbox")).isFalse();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
    }

    @Test
    void answersAnotherUsersOrderExactlyAsAnUnknownOne() {
        OrderView order = placed(BUYER, "concert");

        Response response = api.get("/api/orders/" + order.id(), "Cookie", cookie(OTHER));
        Response unknown = api.get("/api/orders/" + new ObjectId().toHexString(), "Cookie", cookie(OTHER));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(unknown.body());
    }

    @Test
    void returns404ForUnknownAndMalformedIdsAnd401WhenSignedOut() {
        OrderView order = placed(BUYER, "concert");
        assertThat(api.get("/api/orders/" + new ObjectId().toHexString(), "Cookie", cookie(BUYER)).status())
                .isEqualTo(404);
        Response malformed = api.get("/api/orders/not-an-id", "Cookie", cookie(BUYER));
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.errorMessage()).isEqualTo("Not Found");
        assertThat(api.get("/api/orders/" + order.id()).status()).isEqualTo(401);
        assertThat(api.get("/api/orders").status()).isEqualTo(401);
        assertThat(api.get("/api/orders", "Cookie", TestTokens.cookie(TestTokens.expired(BUYER, "b@test.com"))).status())
                .isEqualTo(401);
    }

    @Test
    void fetchesOnlyTheCallersOrdersNewestFirstWithTheirTickets() {
        OrderView first = placed(BUYER, "first");
        placed(OTHER, "someone else's");
        OrderView second = placed(BUYER, "second");
        OrderView third = placed(BUYER, "third");
        orders.cancel(new OrderRequest(BUYER, second.id()));

        Response response = api.get("/api/orders", "Cookie", cookie(BUYER));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.isArray()).isTrue();
        assertThat(ids(body)).containsExactly(third.id(), second.id(), first.id());
        assertThat(body.get(0).get("ticket").get("title").asString()).isEqualTo("third");
        assertThat(body.get(1).get("status").asString()).isEqualTo("cancelled");
        assertThat(body.get(1).get("version").asLong()).isEqualTo(1);
        assertThat(body.get(2).get("ticket").get("title").asString()).isEqualTo("first");
        assertThat(response.header("Next-Cursor")).isNull();
        assertThat(response.header("Link")).isNull();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
    }

    @Test
    void answersAnEmptyArrayForAUserWithoutOrders() {
        Response response = api.get("/api/orders", "Cookie", cookie(OTHER));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void pagesThroughTheCallersOrdersWithACursor() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.addFirst(placed(BUYER, "t" + i).id());
        }

        List<String> seen = new ArrayList<>();
        String path = "/api/orders?limit=2";
        int pages = 0;
        while (path != null) {
            Response page = api.get(path, "Cookie", cookie(BUYER));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().size()).isLessThanOrEqualTo(2);
            seen.addAll(ids(page.json()));
            pages++;
            String link = page.header("Link");
            if (page.header("Next-Cursor") == null) {
                assertThat(link).isNull();
                path = null;
            } else {
                assertThat(link).endsWith(">; rel=\"next\"");
                path = link.substring(1, link.indexOf('>'));
                assertThat(path).contains("cursor=" + page.header("Next-Cursor")).contains("limit=2");
            }
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(newestFirst);
    }

    @Test
    void rejectsABadLimitOrCursor() {
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "cursor=nonsense", "cursor=")) {
            Response response = api.get("/api/orders?" + query, "Cookie", cookie(BUYER));
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).has("field")).isTrue();
        }
    }

    @Test
    void listsAndShowsWhenTheFunctionsAreCalledDirectly() {
        OrderView order = placed(BUYER, "concert");

        OrderPage page = listOrders.apply(new OrderQuery(BUYER, null, null));
        OrderView shown = showOrder.apply(new OrderRequest(BUYER, order.id()));

        assertThat(page.orders()).containsExactly(order);
        assertThat(page.nextCursor()).isNull();
        assertThat(shown).isEqualTo(order);
    }
}
