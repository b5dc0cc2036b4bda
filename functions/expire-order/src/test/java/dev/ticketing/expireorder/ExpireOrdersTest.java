package dev.ticketing.expireorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.PingTick;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.expiry.ExpiryQueue;
import dev.ticketing.order.expiry.redis.RedisExpiryQueue;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.messaging.Message;

/** The two function beans called directly, against the orders database and a real redis-server. */
@FunctionTest(properties = {"ticketing.test.redis=true", "ticketing.expiry.batch-size=5",
    "ticketing.expiry.sweep-after=10m"})
class ExpireOrdersTest extends FunctionTestSupport {

    static final Duration LEASE = Duration.ofSeconds(60);

    @Autowired
    Function<Message<OrderCreated>, Delivery> scheduleExpiry;
    @Autowired
    Function<Message<PingTick>, Delivery> expireOrders;
    @Autowired
    ExpiryQueue queue;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    EventEnvelopes envelopes;
    @Autowired
    Outbox outbox;

    Orders orders;

    @BeforeEach
    void setUp() {
        RedisExpiryQueue redisQueue = (RedisExpiryQueue) queue;
        redis.delete(List.of(redisQueue.dueKey(), redisQueue.leasedKey()));
        orders = new Orders(mongo, envelopes, outbox);
    }

    Delivery schedule(OrderView order) {
        return scheduleExpiry.apply(CloudEventMessageBuilder.withData(Orders.created(order))
                .setId(UUID.randomUUID().toString()).setSource("/functions/place-order").setType(OrderCreated.TYPE)
                .setSubject(order.id()).build());
    }

    Delivery tick() {
        String id = UUID.randomUUID().toString();
        return expireOrders.apply(CloudEventMessageBuilder.withData(new PingTick(id)).setId(id)
                .setSource("/apis/v1/namespaces/ticketing/pingsources/expire-orders").setType(PingTick.TYPE).build());
    }

    List<String> expiredOrderIds() {
        return sink.ofType(OrderExpired.TYPE).stream().map(EventSink.Received::subject).toList();
    }

    @Test
    void expiresADueOrderAndEmitsOrderExpired() {
        OrderView order = orders.due();
        assertThat(schedule(order)).isEqualTo(Delivery.APPLIED);
        sink.clear();

        assertThat(tick()).isEqualTo(Delivery.APPLIED);

        OrderView expired = orders.show(order.id());
        assertThat(expired.status()).isEqualTo("cancelled");
        assertThat(expired.version()).isEqualTo(1);
        EventSink.Received event = sink.await(OrderExpired.TYPE);
        assertThat(event.source()).isEqualTo("/functions/expire-order");
        assertThat(event.subject()).isEqualTo(order.id());
        assertThat(event.header("ce-partitionkey")).isEqualTo(order.id());
        assertThat(event.body()).isEqualTo(
                "{\"id\":\"" + order.id() + "\",\"version\":1,\"ticket\":{\"id\":\"" + order.ticket().id() + "\"}}");
        assertThat(sink.received()).hasSize(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void leavesAnOrderThatIsNotYetDue() {
        OrderView order = orders.notYetDue();
        schedule(order);
        sink.clear();

        tick();

        assertThat(orders.show(order.id()).status()).isEqualTo("created");
        assertThat(sink.received()).isEmpty();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void aRedeliveredOrderCreatedNeitherDuplicatesNorMovesTheEntry() {
        OrderView order = orders.due();
        RedisExpiryQueue redisQueue = (RedisExpiryQueue) queue;

        assertThat(schedule(order)).isEqualTo(Delivery.APPLIED);
        assertThat(schedule(order)).isEqualTo(Delivery.DUPLICATE);
        OrderView later = new OrderView(order.id(), order.status(), order.expiresAt().plusSeconds(3600),
                order.userId(), order.version(), order.ticket());
        assertThat(schedule(later)).isEqualTo(Delivery.DUPLICATE);

        assertThat(redis.opsForZSet().zCard(redisQueue.dueKey())).isEqualTo(1);
        assertThat(redis.opsForZSet().score(redisQueue.dueKey(), order.id()))
                .isEqualTo((double) order.expiresAt().toEpochMilli());
        sink.clear();
        tick();
        assertThat(expiredOrderIds()).containsExactly(order.id());
    }

    @Test
    void oneTickExpiresMoreOrdersThanOneClaimHolds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            OrderView order = orders.due();
            schedule(order);
            ids.add(order.id());
        }
        sink.clear();

        tick();

        assertThat(expiredOrderIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids).allMatch(id -> orders.show(id).status().equals("cancelled"));
        assertThat(queue.size()).isZero();
    }

    @Test
    void twoConcurrentTicksExpireEachOrderOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            OrderView order = orders.due();
            schedule(order);
            ids.add(order.id());
        }
        sink.clear();

        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService ticks = Executors.newFixedThreadPool(2)) {
            List<Future<Delivery>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(ticks.submit(() -> {
                    start.await();
                    return tick();
                }));
            }
            start.countDown();
            for (Future<Delivery> result : results) {
                assertThat(result.get()).isEqualTo(Delivery.APPLIED);
            }
        }

        List<String> expired = expiredOrderIds();
        assertThat(expired).hasSize(30);
        assertThat(new HashSet<>(expired)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids).allMatch(id -> orders.show(id).version() == 1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void anEntryClaimedByATickThatDiedIsExpiredOnceItsLeaseRunsOut() {
        OrderView crashed = orders.due();
        OrderView running = orders.due();
        schedule(crashed);
        schedule(running);
        Instant now = Instant.now();
        // a tick claimed `crashed` more than a lease ago and died; another claimed `running` just now
        assertThat(queue.claim(now.minus(LEASE).minusSeconds(1), now.minusSeconds(1), 1))
                .containsExactly(crashed.id());
        assertThat(queue.claim(now.minus(LEASE).minusSeconds(1), now.plus(LEASE), 1)).containsExactly(running.id());
        sink.clear();

        tick();

        assertThat(expiredOrderIds()).containsExactly(crashed.id());
        assertThat(orders.show(crashed.id()).status()).isEqualTo("cancelled");
        assertThat(orders.show(running.id()).status()).isEqualTo("created");
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void skipsCompleteAndCancelledOrdersWithoutEmitting() {
        OrderView cancelled = orders.due();
        OrderView complete = orders.due();
        OrderView unpaid = orders.due();
        orders.service().cancel(new OrderRequest(Orders.BUYER, cancelled.id()));
        orders.service().complete(new ChargeCreated(new ObjectId().toHexString(), complete.id(), "pi_123", 2000, "usd"));
        schedule(cancelled);
        schedule(complete);
        schedule(unpaid);
        sink.clear();

        tick();

        assertThat(expiredOrderIds()).containsExactly(unpaid.id());
        assertThat(sink.received()).hasSize(1);
        assertThat(orders.show(cancelled.id()).status()).isEqualTo("cancelled");
        assertThat(orders.show(cancelled.id()).version()).isEqualTo(1);
        assertThat(orders.show(complete.id()).status()).isEqualTo("complete");
        assertThat(orders.show(complete.id()).version()).isEqualTo(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void anAlreadyExpiredOrderIsNotExpiredTwice() {
        OrderView order = orders.due();
        schedule(order);
        tick();
        // order.created redelivered after the expiry: queued again, then skipped
        assertThat(schedule(order)).isEqualTo(Delivery.APPLIED);
        sink.clear();

        tick();

        assertThat(sink.received()).isEmpty();
        assertThat(orders.show(order.id()).version()).isEqualTo(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void expiresAnOverdueOrderRedisNeverHeardOf() {
        OrderView lost = orders.overdue();
        OrderView queued = orders.due();
        schedule(queued);
        sink.clear();

        assertThat(tick()).isEqualTo(Delivery.APPLIED);

        assertThat(expiredOrderIds()).containsExactlyInAnyOrder(lost.id(), queued.id());
        assertThat(orders.show(lost.id()).status()).isEqualTo("cancelled");
        assertThat(orders.show(lost.id()).version()).isEqualTo(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void dropsAnEntryThatNamesNoOrder() {
        OrderView ghost = new OrderView(new ObjectId().toHexString(), "created", Instant.now().minusSeconds(1),
                Orders.BUYER, 0, orders.due().ticket());
        schedule(ghost);
        sink.clear();

        tick();

        assertThat(sink.received()).isEmpty();
        assertThat(queue.size()).isZero();
    }
}
