package dev.ticketing.order.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import dev.ticketing.order.expiry.ExpirableOrders;
import dev.ticketing.order.expiry.ExpiryReport;
import dev.ticketing.order.expiry.ExpirySettings;
import dev.ticketing.order.expiry.OrderExpiry;
import dev.ticketing.order.expiry.OverdueOrders;
import dev.ticketing.order.expiry.OverdueOrders.Overdue;
import dev.ticketing.order.expiry.redis.RedisExpiryQueue;
import dev.ticketing.order.expiry.redis.TestRedis;
import dev.ticketing.order.store.MongoOrderServiceTest.RecordingPublisher;
import dev.ticketing.testing.Databases;
import dev.ticketing.testing.EmbeddedServers;
import dev.ticketing.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Order expiry that does not depend on the queue having heard of every order: the sweep of the orders
 * store, against mongo-java-server (or {@code MONGODB_URI}) and a real redis-server, running or gone.
 */
class ExpirySweepTest {

    static final String BUYER = new ObjectId().toHexString();
    static final Instant PLACED = Instant.parse("2030-01-01T12:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Instant EXPIRES = PLACED.plus(WINDOW);
    static final Duration SWEEP_AFTER = Duration.ofSeconds(30);
    static final Duration LEASE = Duration.ofSeconds(60);

    static MongoClient client;
    static MongoTemplate mongo;

    ManualClock clock = new ManualClock(PLACED);
    RecordingPublisher publisher = new RecordingPublisher();
    OrderService orders;
    OverdueOrders overdue;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedServers.mongoUri());
        mongo = new MongoTemplate(client, "expiry-sweep-test");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void setUp() {
        Databases.clear(mongo);
        Outbox outbox = new Outbox(mongo, publisher, OrderDocumentTypes.outbox());
        EventEnvelopes envelopes = new EventEnvelopes(JsonMapper.builder().build(), "/functions/test", clock);
        orders = OrderStore.service(mongo, envelopes, outbox, clock, WINDOW, Integer.MAX_VALUE); // one buyer, many orders
        overdue = OrderStore.overdueOrders(mongo);
    }

    OrderView place() {
        String ticketId = new ObjectId().toHexString();
        assertThat(orders.syncTicket(new TicketCreated(ticketId, 0, "concert", new BigDecimal("20.00"), "seller")))
                .isEqualTo(Delivery.APPLIED);
        return orders.place(new PlaceOrder(BUYER, ticketId));
    }

    String status(OrderView order) {
        return orders.show(new OrderRequest(BUYER, order.id())).status();
    }

    OrderExpiry expiry(RedisExpiryQueue queue, int batchSize, int sweepLimit) {
        return new OrderExpiry(queue, ExpirableOrders.of(orders), overdue, clock,
                new ExpirySettings(batchSize, LEASE, 4, SWEEP_AFTER, sweepLimit));
    }

    RedisExpiryQueue deadRedis() {
        return new RedisExpiryQueue(TestRedis.connect("redis://127.0.0.1:" + EmbeddedServers.freePort()));
    }

    List<String> expiredEvents() {
        return publisher.ofType(OrderExpired.TYPE).stream().map(e -> e.subject()).toList();
    }

    @Test
    void anOrderTheQueueNeverHeldIsExpiredOnceOverdueBySweepAfter() {
        OrderView order = place();
        OrderExpiry expiry = expiry(TestRedis.freshQueue(), 10, 100);

        clock.set(EXPIRES.plus(SWEEP_AFTER));
        assertThat(expiry.expireDue().expired()).isZero();
        assertThat(status(order)).isEqualTo("created");

        clock.advance(Duration.ofMillis(1));
        ExpiryReport report = expiry.expireDue();

        assertThat(report).isEqualTo(new ExpiryReport(0, 1, 0, 0, 0, 1, null));
        assertThat(status(order)).isEqualTo("cancelled");
        assertThat(expiredEvents()).containsExactly(order.id());
    }

    @Test
    void withRedisDownTheTickStillExpiresOverdueOrdersAndSaysTheQueueFailed() {
        OrderView order = place();
        OrderExpiry expiry = expiry(deadRedis(), 10, 100);
        clock.set(EXPIRES.plus(SWEEP_AFTER).plusSeconds(1));

        ExpiryReport report = expiry.expireDue();

        assertThat(report.expired()).isEqualTo(1);
        assertThat(report.queueFailure()).contains("unreachable");
        assertThat(status(order)).isEqualTo("cancelled");
        assertThat(expiredEvents()).containsExactly(order.id());
    }

    @Test
    void withRedisDownAndNoSweepTheTickFails() {
        place();
        OrderExpiry expiry = expiry(deadRedis(), 10, 0);
        clock.set(EXPIRES.plus(SWEEP_AFTER).plusSeconds(1));

        assertThatThrownBy(expiry::expireDue).isInstanceOf(dev.ticketing.domain.Unavailable.class);
        assertThat(expiredEvents()).isEmpty();
    }

    @Test
    void anOrderBothTheQueueAndTheSweepReachIsExpiredOnce() {
        OrderView order = place();
        RedisExpiryQueue queue = TestRedis.freshQueue();
        queue.schedule(order.id(), order.expiresAt());
        OrderExpiry expiry = expiry(queue, 10, 100);
        clock.set(EXPIRES.plus(SWEEP_AFTER).plusSeconds(1));

        ExpiryReport report = expiry.expireDue();

        assertThat(report.claimed()).isEqualTo(1);
        assertThat(report.expired()).isEqualTo(1);
        assertThat(report.swept()).isZero();
        assertThat(expiredEvents()).containsExactly(order.id());
        assertThat(queue.size()).isZero();
    }

    @Test
    void leavesEndedOrdersAndOrdersNotYetOverdueAlone() {
        OrderView cancelled = place();
        orders.cancel(new OrderRequest(BUYER, cancelled.id()));
        OrderView complete = place();
        orders.complete(new ChargeCreated(new ObjectId().toHexString(), complete.id(), "pi_1", 2000, "usd"));
        OrderView overdueOrder = place();
        clock.advance(Duration.ofMinutes(1));
        OrderView later = place();
        clock.set(EXPIRES.plus(SWEEP_AFTER).plusSeconds(1));
        int published = publisher.published.size();

        ExpiryReport report = expiry(TestRedis.freshQueue(), 10, 100).expireDue();

        assertThat(report.swept()).isEqualTo(1);
        assertThat(status(overdueOrder)).isEqualTo("cancelled");
        assertThat(status(later)).isEqualTo("created");
        assertThat(status(complete)).isEqualTo("complete");
        assertThat(publisher.published).hasSize(published + 1);
        assertThat(expiredEvents()).containsExactly(overdueOrder.id());
    }

    @Test
    void aTickSweepsAtMostSweepLimitOrdersInPagesAndTheNextTicksTakeTheRest() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(place().id());
        }
        OrderExpiry expiry = expiry(TestRedis.freshQueue(), 3, 8);
        clock.set(EXPIRES.plus(SWEEP_AFTER).plusSeconds(1));

        assertThat(expiry.expireDue().expired()).isEqualTo(8);
        assertThat(expiry.expireDue().expired()).isEqualTo(4);
        assertThat(expiry.expireDue().swept()).isZero();

        assertThat(expiredEvents()).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
    }

    @Test
    void pagesOrdersThatExpireAtTheSameInstantByIdWithoutSkippingOrRepeating() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(place().id());
        }
        Instant before = EXPIRES.plusMillis(1);

        List<Overdue> first = overdue.overdue(before, null, 3);
        List<Overdue> second = overdue.overdue(before, first.getLast(), 3);
        List<Overdue> third = overdue.overdue(before, second.getLast(), 3);

        List<String> seen = new ArrayList<>();
        for (List<Overdue> page : List.of(first, second, third)) {
            page.forEach(o -> seen.add(o.orderId()));
        }
        assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
        assertThat(third).hasSize(1);
        assertThat(first.getFirst().expiresAt()).isEqualTo(EXPIRES);
        assertThat(overdue.overdue(EXPIRES, null, 10)).isEmpty();
    }

    @Test
    void theSweepReadsAnIndexOnStatusAndExpiry() {
        List<Document> indexes = mongo.getCollection("orders").listIndexes().into(new ArrayList<>());

        assertThat(indexes).anySatisfy(index -> assertThat(index.get("key", Document.class))
                .isEqualTo(new Document("status", 1).append("expiresAt", 1).append("_id", 1)));
    }
}
