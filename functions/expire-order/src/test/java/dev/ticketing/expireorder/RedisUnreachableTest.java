package dev.ticketing.expireorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.PingTick;
import dev.ticketing.order.OrderView;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Redis down (nothing listens on port 1): every delivery asks to be retried, nothing is lost. */
@FunctionTest(properties = "spring.data.redis.url=redis://127.0.0.1:1")
class RedisUnreachableTest extends FunctionTestSupport {

    @Autowired
    EventEnvelopes envelopes;
    @Autowired
    Outbox outbox;
    @Autowired
    JsonMapper json;

    @Test
    void orderCreatedIsAnsweredWithARetryableStatusAndATickFailsLoudly() {
        Orders orders = new Orders(mongo, envelopes, outbox);
        OrderView order = orders.due();
        sink.clear();

        Response scheduled = api.binaryEvent("/scheduleExpiry", HttpApi.newId(), OrderCreated.TYPE,
                "/functions/place-order", json.writeValueAsString(Orders.created(order)));
        Response tick = api.binaryEvent("/expireOrders", HttpApi.newId(), PingTick.TYPE,
                ExpireOrderHttpTest.PING_SOURCE, "{}");

        assertThat(scheduled.status()).isEqualTo(503);
        assertThat(tick.status()).isEqualTo(503);
        assertThat(tick.headers().keySet()).noneMatch(name -> name.startsWith("ce-"));
        assertThat(orders.show(order.id()).status()).isEqualTo("created");
        assertThat(sink.received()).isEmpty();
    }
}
