package dev.ticketing.expireorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.PingTick;
import dev.ticketing.order.OrderView;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis down (nothing listens on port 1): {@code order.created} asks to be retried, and the ticks still
 * expire every overdue order through the sweep of the orders store.
 */
@FunctionTest(properties = {"spring.data.redis.url=redis://127.0.0.1:1", "ticketing.expiry.sweep-after=10m"})
class RedisUnreachableTest extends FunctionTestSupport {

    @Autowired
    EventEnvelopes envelopes;
    @Autowired
    Outbox outbox;
    @Autowired
    JsonMapper json;

    @Test
    void orderCreatedIsAnsweredWithARetryableStatus() {
        Orders orders = new Orders(mongo, envelopes, outbox);
        OrderView order = orders.notYetDue();
        sink.clear();

        Response scheduled = api.binaryEvent("/scheduleExpiry", HttpApi.newId(), OrderCreated.TYPE,
                "/functions/place-order", json.writeValueAsString(Orders.created(order)));

        assertThat(scheduled.status()).isEqualTo(503);
        assertThat(scheduled.headers().keySet()).noneMatch(name -> name.startsWith("ce-"));
        assertThat(orders.show(order.id()).status()).isEqualTo("created");
    }

    @Test
    void aTickExpiresEveryOverdueOrderThatRedisNeverHeldAndLeavesTheRest() {
        Orders orders = new Orders(mongo, envelopes, outbox);
        OrderView overdue = orders.overdue();
        OrderView justDue = orders.due();
        OrderView notYetDue = orders.notYetDue();
        sink.clear();

        Response tick = api.binaryEvent("/expireOrders", HttpApi.newId(), PingTick.TYPE,
                ExpireOrderHttpTest.PING_SOURCE, "{}");

        assertThat(tick.status()).isEqualTo(202);
        assertThat(tick.headers().keySet()).noneMatch(name -> name.startsWith("ce-"));
        assertThat(orders.show(overdue.id()).status()).isEqualTo("cancelled");
        assertThat(orders.show(justDue.id()).status()).isEqualTo("created");
        assertThat(orders.show(notYetDue.id()).status()).isEqualTo("created");
        assertThat(sink.await(OrderExpired.TYPE).subject()).isEqualTo(overdue.id());
        assertThat(sink.received()).hasSize(1);
    }
}
