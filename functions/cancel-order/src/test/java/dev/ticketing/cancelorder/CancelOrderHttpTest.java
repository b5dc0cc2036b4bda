package dev.ticketing.cancelorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.TicketCreated;
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
import java.math.BigDecimal;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

@FunctionTest
class CancelOrderHttpTest extends FunctionTestSupport {

    static final String BUYER = new ObjectId().toHexString();
    static final String OTHER = new ObjectId().toHexString();

    @Autowired
    OrderService orders;
    @Autowired
    @Qualifier("cancelOrder")
    Function<OrderRequest, OrderView> cancelOrder;

    /** A {@code created} order of {@code userId}, placed through the orders context's own use case. */
    OrderView placed(String userId) {
        String ticket = new ObjectId().toHexString();
        orders.syncTicket(new TicketCreated(ticket, 0, "concert", new BigDecimal("20"), new ObjectId().toHexString()));
        OrderView order = orders.place(new PlaceOrder(userId, ticket));
        sink.clear();
        return order;
    }

    Response cancel(String userId, String orderId) {
        return api.delete("/api/orders/" + orderId, "Cookie", cookie(userId));
    }

    Document stored(String id) {
        return mongo.getCollection("orders").find(new Document("_id", new ObjectId(id))).first();
    }

    @Test
    void marksAnOrderAsCancelled() {
        OrderView order = placed(BUYER);

        Response response = cancel(BUYER, order.id());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        OrderView cancelled = orders.show(new OrderRequest(BUYER, order.id()));
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.version()).isEqualTo(1);
        assertThat(stored(order.id()).containsKey("activeTicketId")).isFalse();
    }

    @Test
    void emitsAnOrderCancelledEvent() {
        OrderView order = placed(BUYER);

        cancel(BUYER, order.id());

        EventSink.Received event = sink.await(OrderCancelled.TYPE);
        assertThat(event.source()).isEqualTo("/functions/cancel-order");
        assertThat(event.subject()).isEqualTo(order.id());
        assertThat(event.header("ce-partitionkey")).isEqualTo(order.id());
        assertThat(event.header("ce-specversion")).isEqualTo("1.0");
        assertThat(event.header("ce-time")).isNotBlank();
        assertThat(event.body()).isEqualTo("{\"id\":\"" + order.id() + "\",\"version\":1,\"ticket\":{\"id\":\""
                + order.ticket().id() + "\"}}");
        assertThat(stored(order.id()).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void cancellingAnAlreadyCancelledOrderChangesNothingAndEmitsNothing() {
        OrderView order = placed(BUYER);
        assertThat(cancel(BUYER, order.id()).status()).isEqualTo(204);
        sink.await(OrderCancelled.TYPE);

        Response again = cancel(BUYER, order.id());

        assertThat(again.status()).isEqualTo(204);
        assertThat(sink.ofType(OrderCancelled.TYPE)).hasSize(1);
        assertThat(orders.show(new OrderRequest(BUYER, order.id())).version()).isEqualTo(1);
    }

    @Test
    void refusesToCancelACompleteOrder() {
        OrderView order = placed(BUYER);
        orders.complete(new ChargeCreated(new ObjectId().toHexString(), order.id(), "pi_1", 2000, "usd"));
        sink.clear();

        Response response = cancel(BUYER, order.id());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).isEqualTo("Cannot cancel a complete order");
        assertThat(orders.show(new OrderRequest(BUYER, order.id())).status()).isEqualTo("complete");
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void refusesSignedOutCallersUnknownOrdersAndOtherUsersOrders() {
        OrderView order = placed(BUYER);

        Response signedOut = api.delete("/api/orders/" + order.id());
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.errorMessage()).isEqualTo("Not authorized");
        Response tampered = api.delete("/api/orders/" + order.id(), "Authorization",
                "Bearer " + TestTokens.tampered(BUYER, "b@test.com"));
        assertThat(tampered.status()).isEqualTo(401);

        Response unknown = cancel(BUYER, new ObjectId().toHexString());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorMessage()).isEqualTo("Not Found");
        assertThat(cancel(BUYER, "not-an-id").status()).isEqualTo(404);

        // someone else's order answers exactly as an unknown one
        Response notOwner = cancel(OTHER, order.id());
        assertThat(notOwner.status()).isEqualTo(404);
        assertThat(notOwner.body()).isEqualTo(unknown.body());

        assertThat(orders.show(new OrderRequest(BUYER, order.id())).status()).isEqualTo("created");
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void acceptsABearerToken() {
        OrderView order = placed(BUYER);
        Response response = api.delete("/api/orders/" + order.id(), "Authorization",
                "Bearer " + TestTokens.valid(BUYER, "b@test.com"));
        assertThat(response.status()).isEqualTo(204);
    }

    @Test
    void cancelsWhenTheFunctionIsCalledDirectly() {
        OrderView order = placed(BUYER);

        OrderView cancelled = cancelOrder.apply(new OrderRequest(BUYER, order.id()));

        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.version()).isEqualTo(1);
        assertThat(sink.await(OrderCancelled.TYPE).subject()).isEqualTo(order.id());
    }

    @Test
    void relaysAnOrderCancelledOwedAfterAFailedPublish() {
        OrderView order = placed(BUYER);
        sink.failNext(1);
        assertThat(cancel(BUYER, order.id()).status()).isEqualTo(204);
        assertThat(sink.ofType(OrderCancelled.TYPE)).isEmpty();
        assertThat(stored(order.id()).getList("outbox", Object.class)).hasSize(1);

        Response tick = api.structuredEvent("/relayOutbox", HttpApi.newId(), "dev.knative.sources.ping",
                "/apis/v1/namespaces/ticketing/pingsources/relay", "{}");

        assertThat(tick.status()).isEqualTo(202);
        assertThat(sink.await(OrderCancelled.TYPE).subject()).isEqualTo(order.id());
        assertThat(stored(order.id()).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void doesNotExposeCancelOrderAsAnEventEndpoint() {
        OrderView order = placed(BUYER);
        Response response = api.binaryEvent("/cancelOrder", HttpApi.newId(), OrderCancelled.TYPE, "/test",
                "{\"userId\":\"" + BUYER + "\",\"orderId\":\"" + order.id() + "\"}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(orders.show(new OrderRequest(BUYER, order.id())).status()).isEqualTo("created");
    }
}
