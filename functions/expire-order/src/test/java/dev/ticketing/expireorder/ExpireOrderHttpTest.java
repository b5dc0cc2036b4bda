package dev.ticketing.expireorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.PingTick;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.expiry.ExpiryQueue;
import dev.ticketing.order.expiry.redis.RedisExpiryQueue;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Knative's view: binary and structured CloudEvents in over HTTP, {@code order.expired} out to K_SINK. */
@FunctionTest(properties = {"ticketing.test.redis=true", "ticketing.expiry.batch-size=5",
    "ticketing.expiry.sweep-after=10m"})
class ExpireOrderHttpTest extends FunctionTestSupport {

    static final String PING_SOURCE = "/apis/v1/namespaces/ticketing/pingsources/expire-orders";

    @Autowired
    EventEnvelopes envelopes;
    @Autowired
    Outbox outbox;
    @Autowired
    ExpiryQueue queue;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JsonMapper json;

    Orders orders;

    @BeforeEach
    void setUp() {
        RedisExpiryQueue redisQueue = (RedisExpiryQueue) queue;
        redis.delete(List.of(redisQueue.dueKey(), redisQueue.leasedKey()));
        orders = new Orders(mongo, envelopes, outbox);
    }

    String orderCreated(OrderView order) {
        return json.writeValueAsString(Orders.created(order));
    }

    static void assertAcknowledged(Response response) {
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("ce-"));
    }

    @Test
    void schedulesFromABinaryOrderCreatedAndAcknowledgesAStructuredRedelivery() {
        OrderView order = orders.notYetDue();
        String eventId = HttpApi.newId();

        assertAcknowledged(api.binaryEvent("/scheduleExpiry", eventId, OrderCreated.TYPE, "/functions/place-order",
                orderCreated(order)));
        assertAcknowledged(api.structuredEvent("/scheduleExpiry", eventId, OrderCreated.TYPE,
                "/functions/place-order", orderCreated(order)));

        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void expiresOnBinaryAndStructuredPingTicksAndPublishesOrderExpired() {
        OrderView first = orders.due();
        api.binaryEvent("/scheduleExpiry", HttpApi.newId(), OrderCreated.TYPE, "/functions/place-order",
                orderCreated(first));
        sink.clear();

        assertAcknowledged(api.binaryEvent("/expireOrders", HttpApi.newId(), PingTick.TYPE, PING_SOURCE, "{}"));

        EventSink.Received expired = sink.await(OrderExpired.TYPE);
        assertThat(expired.subject()).isEqualTo(first.id());
        assertThat(expired.source()).isEqualTo("/functions/expire-order");
        assertThat(expired.header("ce-specversion")).isEqualTo("1.0");
        assertThat(expired.header("content-type")).startsWith("application/json");

        OrderView second = orders.due();
        api.structuredEvent("/scheduleExpiry", HttpApi.newId(), OrderCreated.TYPE, "/functions/place-order",
                orderCreated(second));
        assertAcknowledged(api.structuredEvent("/expireOrders", HttpApi.newId(), PingTick.TYPE, PING_SOURCE,
                "{\"message\":\"tick\"}"));

        assertThat(sink.ofType(OrderExpired.TYPE)).extracting(EventSink.Received::subject)
                .containsExactly(first.id(), second.id());
        assertThat(queue.size()).isZero();
    }

    @Test
    void refusesForGoodAnOrderCreatedWithoutExpiryTime() {
        Response response = api.binaryEvent("/scheduleExpiry", HttpApi.newId(), OrderCreated.TYPE,
                "/functions/place-order", "{\"id\":\"" + orders.notYetDue().id() + "\",\"version\":0}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(queue.size()).isZero();
    }

    @Test
    void refusesEventsOfOtherTypes() {
        assertThat(api.binaryEvent("/expireOrders", HttpApi.newId(), OrderCreated.TYPE, "/functions/place-order",
                orderCreated(orders.notYetDue())).status()).isEqualTo(400);
        assertThat(api.binaryEvent("/scheduleExpiry", HttpApi.newId(), PingTick.TYPE, PING_SOURCE, "{}").status())
                .isEqualTo(400);
    }
}
