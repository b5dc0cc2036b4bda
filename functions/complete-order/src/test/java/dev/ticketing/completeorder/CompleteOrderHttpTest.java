package dev.ticketing.completeorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCompleted;
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
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.messaging.Message;

@FunctionTest
class CompleteOrderHttpTest extends FunctionTestSupport {

    static final String BUYER = new ObjectId().toHexString();

    @Autowired
    OrderService orders;
    @Autowired
    @Qualifier("completeOrder")
    Function<Message<ChargeCreated>, Delivery> completeOrder;

    OrderView placed() {
        String ticket = new ObjectId().toHexString();
        orders.syncTicket(new TicketCreated(ticket, 0, "concert", new BigDecimal("20"), new ObjectId().toHexString()));
        OrderView order = orders.place(new PlaceOrder(BUYER, ticket));
        sink.clear();
        return order;
    }

    static String charge(String chargeId, String orderId) {
        return "{\"id\":\"" + chargeId + "\",\"orderId\":\"" + orderId + "\",\"stripeId\":\"pi_123\",\"amount\":2000,\"currency\":\"usd\"}";
    }

    OrderView current(OrderView order) {
        return orders.show(new OrderRequest(BUYER, order.id()));
    }

    Document stored(String id) {
        return mongo.getCollection("orders").find(new Document("_id", new ObjectId(id))).first();
    }

    @Test
    void completesAnOrderOnABinaryChargeCreated() {
        OrderView order = placed();

        Response response = api.binaryEvent("/completeOrder", HttpApi.newId(), ChargeCreated.TYPE, "/functions/charge",
                charge(new ObjectId().toHexString(), order.id()));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(current(order).status()).isEqualTo("complete");
        assertThat(current(order).version()).isEqualTo(1);
        assertThat(stored(order.id()).getString("activeTicketId")).isEqualTo(order.ticket().id());
    }

    /** {@code func invoke --format cloudevent}: the service root, signed as the platform signs its deliveries. */
    @Test
    void completesAnOrderOnAChargeCreatedSentToTheServiceRootInEitherMode() {
        OrderView binaryPaid = placed();
        OrderView structuredPaid = placed();

        Response binary = api.binaryEvent("/", HttpApi.newId(), ChargeCreated.TYPE, "/functions/charge",
                charge(new ObjectId().toHexString(), binaryPaid.id()));
        Response structured = api.structuredEvent("/", HttpApi.newId(), ChargeCreated.TYPE, "/functions/charge",
                charge(new ObjectId().toHexString(), structuredPaid.id()));

        assertThat(binary.status()).isEqualTo(202);
        assertThat(binary.body()).isEmpty();
        assertThat(binary.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(structured.status()).isEqualTo(202);
        assertThat(current(binaryPaid).status()).isEqualTo("complete");
        assertThat(current(structuredPaid).status()).isEqualTo("complete");
    }

    @Test
    void refusesAnUnsignedEventOrAPlainRequestAtTheServiceRootWith401() {
        OrderView order = placed();
        String data = charge(new ObjectId().toHexString(), order.id());

        assertThat(api.binaryEvent("/", HttpApi.newId(), ChargeCreated.TYPE, "/x", data, null).status()).isEqualTo(401);
        assertThat(api.structuredEvent("/", HttpApi.newId(), ChargeCreated.TYPE, "/x", data, null).status())
                .isEqualTo(401);
        assertThat(api.post("/", data).status()).isEqualTo(401);
        assertThat(current(order).status()).isEqualTo("created");
    }

    @Test
    void refusesAChargeForAnotherAmountOrCurrencyWith422AndAnUnsignedOneWith401() {
        OrderView order = placed();
        String cheap = charge(new ObjectId().toHexString(), order.id()).replace("\"amount\":2000", "\"amount\":50");
        String euros = charge(new ObjectId().toHexString(), order.id()).replace("\"usd\"", "\"eur\"");

        Response forgedAmount = api.binaryEvent("/completeOrder", HttpApi.newId(), ChargeCreated.TYPE, "/x", cheap);
        Response forgedCurrency = api.binaryEvent("/completeOrder", HttpApi.newId(), ChargeCreated.TYPE, "/x", euros);
        Response unsigned = api.binaryEvent("/completeOrder", HttpApi.newId(), ChargeCreated.TYPE, "/x",
                charge(new ObjectId().toHexString(), order.id()), null);

        assertThat(forgedAmount.status()).isEqualTo(422);
        assertThat(forgedCurrency.status()).isEqualTo(422);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(current(order).status()).isEqualTo("created");
        assertThat(current(order).version()).isZero();
    }

    @Test
    void emitsAnOrderCompletedEvent() {
        OrderView order = placed();

        api.structuredEvent("/completeOrder", HttpApi.newId(), ChargeCreated.TYPE, "/functions/charge",
                charge(new ObjectId().toHexString(), order.id()));

        EventSink.Received event = sink.await(OrderCompleted.TYPE);
        assertThat(event.source()).isEqualTo("/functions/complete-order");
        assertThat(event.subject()).isEqualTo(order.id());
        assertThat(event.header("ce-partitionkey")).isEqualTo(order.id());
        assertThat(event.header("ce-specversion")).isEqualTo("1.0");
        assertThat(event.body()).isEqualTo("{\"id\":\"" + order.id() + "\",\"version\":1,\"ticket\":{\"id\":\""
                + order.ticket().id() + "\"}}");
        assertThat(current(order).status()).isEqualTo("complete");
        assertThat(stored(order.id()).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void aRedeliveredChargeCreatedChangesNothingAndEmitsOrderCompletedAgain() {
        OrderView order = placed();
        String data = charge(new ObjectId().toHexString(), order.id());
        String id = HttpApi.newId();

        Response first = api.binaryEvent("/completeOrder", id, ChargeCreated.TYPE, "/functions/charge", data);
        Response again = api.structuredEvent("/completeOrder", id, ChargeCreated.TYPE, "/functions/charge", data);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(current(order).version()).isEqualTo(1);
        List<EventSink.Received> completed = sink.ofType(OrderCompleted.TYPE);
        assertThat(completed).hasSize(2);
        assertThat(completed).extracting(EventSink.Received::body).containsOnly(completed.getFirst().body());
    }

    @Test
    void aChargeForAnOrderThatEndedUnpaidChangesNothing() {
        OrderView order = placed();
        orders.cancel(new OrderRequest(BUYER, order.id()));
        sink.clear();

        Response response = api.binaryEvent("/completeOrder", HttpApi.newId(), ChargeCreated.TYPE, "/functions/charge",
                charge(new ObjectId().toHexString(), order.id()));

        assertThat(response.status()).isEqualTo(202);
        assertThat(current(order).status()).isEqualTo("cancelled");
        assertThat(current(order).version()).isEqualTo(1);
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void refusesAChargeForAnUnknownOrderWithoutRetry() {
        Response response = api.binaryEvent("/completeOrder", HttpApi.newId(), ChargeCreated.TYPE, "/functions/charge",
                charge(new ObjectId().toHexString(), new ObjectId().toHexString()));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void refusesOtherEventTypesAndMalformedData() {
        OrderView order = placed();
        Response wrongType = api.binaryEvent("/completeOrder", HttpApi.newId(), OrderCompleted.TYPE, "/functions/x",
                charge(new ObjectId().toHexString(), order.id()));
        assertThat(wrongType.status()).isEqualTo(400);
        Response malformed = api.binaryEvent("/completeOrder", HttpApi.newId(), ChargeCreated.TYPE, "/functions/charge",
                "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(current(order).status()).isEqualTo("created");
    }

    @Test
    void completesWhenTheFunctionIsCalledDirectly() {
        OrderView order = placed();
        ChargeCreated charge = new ChargeCreated(new ObjectId().toHexString(), order.id(), "pi_1", 2000, "usd");
        Message<ChargeCreated> message = CloudEventMessageBuilder.withData(charge).setId(HttpApi.newId())
                .setSource("/functions/charge").setType(ChargeCreated.TYPE).build();

        assertThat(completeOrder.apply(message)).isEqualTo(Delivery.APPLIED);
        assertThat(completeOrder.apply(message)).isEqualTo(Delivery.DUPLICATE);
        assertThat(current(order).status()).isEqualTo("complete");
    }
}
