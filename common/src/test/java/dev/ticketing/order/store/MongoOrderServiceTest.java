package dev.ticketing.order.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.EventPublisher;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutgoingEvent;
import dev.ticketing.cloudevent.PublishFailed;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCompleted;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.order.Expiry;
import dev.ticketing.order.OrderPage;
import dev.ticketing.order.OrderQuery;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import dev.ticketing.order.TicketAlreadyReserved;
import dev.ticketing.testing.Databases;
import dev.ticketing.testing.EmbeddedServers;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order store against a real MongoDB-compatible server (mongo-java-server, or {@code MONGODB_URI}),
 * without Spring Boot: the unique sparse index, version-conditional updates and the outbox.
 */
class MongoOrderServiceTest {

    static final String BUYER = new ObjectId().toHexString();
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    static MongoClient client;
    static MongoTemplate mongo;

    /** The broker: records what it took, can refuse the next deliveries. */
    static final class RecordingPublisher implements EventPublisher {
        final List<OutgoingEvent> published = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void publish(OutgoingEvent event) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new PublishFailed("refused", null);
            }
            published.add(event);
        }

        @Override
        public String describe() {
            return "test";
        }

        List<OutgoingEvent> ofType(String type) {
            return published.stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    RecordingPublisher publisher;
    Outbox outbox;
    OrderService orders;
    String ticketId;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedServers.mongoUri());
        mongo = new MongoTemplate(client, "orders-store-test");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void setUp() {
        Databases.clear(mongo);
        publisher = new RecordingPublisher();
        outbox = new Outbox(mongo, publisher, OrderDocumentTypes.outbox());
        EventEnvelopes envelopes = new EventEnvelopes(JsonMapper.builder().build(), "/functions/test",
                Clock.fixed(NOW, ZoneOffset.UTC));
        orders = OrderStore.service(mongo, envelopes, outbox, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15));
        ticketId = new ObjectId().toHexString();
        assertThat(orders.syncTicket(new TicketCreated(ticketId, 0, "concert", new BigDecimal("20.50"), "seller")))
                .isEqualTo(Delivery.APPLIED);
    }

    OrderView place() {
        return orders.place(new PlaceOrder(BUYER, ticketId));
    }

    Document stored(String id) {
        return mongo.getCollection("orders").find(new Document("_id", new ObjectId(id))).first();
    }

    @Test
    void placesAnOrderThatHoldsItsTicketAndPublishesOrderCreated() {
        OrderView order = place();

        assertThat(order.status()).isEqualTo("created");
        assertThat(order.version()).isZero();
        assertThat(order.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(order.ticket().price()).isEqualByComparingTo("20.50");
        assertThat(order.ticket().title()).isEqualTo("concert");
        OutgoingEvent created = publisher.ofType(OrderCreated.TYPE).getFirst();
        assertThat(created.subject()).isEqualTo(order.id());
        assertThat(created.data()).contains("\"status\":\"created\"").contains("\"price\":20.50")
                .contains("\"expiresAt\":\"2026-01-01T12:15:00Z\"");
        Document doc = stored(order.id());
        assertThat(doc.getString("activeTicketId")).isEqualTo(ticketId);
        assertThat(doc.getList("outbox", Object.class)).isEmpty();
        assertThat(orders.show(new OrderRequest(BUYER, order.id()))).isEqualTo(order);
    }

    @Test
    void refusesASecondOrderWhileTheTicketIsHeld() {
        place();
        assertThatThrownBy(this::place).isInstanceOf(TicketAlreadyReserved.class)
                .hasMessage("Ticket is already reserved");
    }

    @Test
    void fiftyConcurrentOrdersForOneTicketReserveItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> {
                try {
                    place();
                    return true;
                } catch (TicketAlreadyReserved e) {
                    return false;
                }
            });
        }
        int placed = 0;
        for (Future<Boolean> f : pool.invokeAll(calls)) {
            placed += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(placed).isEqualTo(1);
        assertThat(mongo.getCollection("orders").countDocuments()).isEqualTo(1);
    }

    @Test
    void expiresACreatedOrderAndFreesItsTicket() {
        OrderView order = place();

        assertThat(orders.expire(order.id())).isEqualTo(Expiry.EXPIRED);

        OrderView expired = orders.show(new OrderRequest(BUYER, order.id()));
        assertThat(expired.status()).isEqualTo("cancelled");
        assertThat(expired.version()).isEqualTo(1);
        OutgoingEvent event = publisher.ofType(OrderExpired.TYPE).getFirst();
        assertThat(event.subject()).isEqualTo(order.id());
        assertThat(event.data()).isEqualTo("{\"id\":\"" + order.id() + "\",\"version\":1,\"ticket\":{\"id\":\"" + ticketId
                + "\"}}");
        Document doc = stored(order.id());
        assertThat(doc.containsKey("activeTicketId")).isFalse();
        assertThat(doc.getList("outbox", Object.class)).isEmpty();
        assertThat(place().status()).isEqualTo("created");
    }

    @Test
    void expiringAnEndedOrUnknownOrderChangesNothingAndEmitsNothing() {
        OrderView cancelled = place();
        orders.cancel(new OrderRequest(BUYER, cancelled.id()));
        OrderView complete = place();
        orders.complete(new ChargeCreated(new ObjectId().toHexString(), complete.id(), "pi_1", 2050, "usd"));
        int published = publisher.published.size();

        assertThat(orders.expire(cancelled.id())).isEqualTo(Expiry.ALREADY_ENDED);
        assertThat(orders.expire(complete.id())).isEqualTo(Expiry.ALREADY_ENDED);
        assertThat(orders.expire(new ObjectId().toHexString())).isEqualTo(Expiry.UNKNOWN);
        assertThat(orders.expire("not-an-id")).isEqualTo(Expiry.UNKNOWN);

        assertThat(publisher.published).hasSize(published);
        assertThat(orders.show(new OrderRequest(BUYER, cancelled.id())).version()).isEqualTo(1);
        assertThat(orders.show(new OrderRequest(BUYER, complete.id())).status()).isEqualTo("complete");
        assertThat(orders.show(new OrderRequest(BUYER, complete.id())).version()).isEqualTo(1);
    }

    @Test
    void cancelsAnOrderOnceAndFreesItsTicket() {
        OrderView order = place();

        orders.cancel(new OrderRequest(BUYER, order.id()));
        orders.cancel(new OrderRequest(BUYER, order.id()));

        assertThat(publisher.ofType(OrderCancelled.TYPE)).hasSize(1);
        assertThat(orders.show(new OrderRequest(BUYER, order.id())).version()).isEqualTo(1);
        assertThat(stored(order.id()).containsKey("activeTicketId")).isFalse();
    }

    @Test
    void completesAnOrderOnceAndOwesOrderCompletedAgainOnARedelivery() {
        OrderView order = place();
        ChargeCreated charge = new ChargeCreated(new ObjectId().toHexString(), order.id(), "pi_1", 2050, "usd");

        assertThat(orders.complete(charge)).isEqualTo(Delivery.APPLIED);
        assertThat(orders.complete(charge)).isEqualTo(Delivery.DUPLICATE);

        List<OutgoingEvent> completed = publisher.ofType(OrderCompleted.TYPE);
        assertThat(completed).hasSize(2);
        assertThat(completed).extracting(OutgoingEvent::data).containsOnly(completed.getFirst().data());
        assertThat(completed.getFirst().data()).contains("\"version\":1");
        assertThat(orders.show(new OrderRequest(BUYER, order.id())).version()).isEqualTo(1);
        assertThat(stored(order.id()).getString("activeTicketId")).isEqualTo(ticketId);
        assertThatThrownBy(this::place).isInstanceOf(TicketAlreadyReserved.class);
    }

    @Test
    void keepsAnEventOwedWhenTheBrokerRefusesItAndRelaysItLater() {
        OrderView order = place();
        publisher.failures.set(1);

        orders.expire(order.id());

        assertThat(publisher.ofType(OrderExpired.TYPE)).isEmpty();
        assertThat(stored(order.id()).getList("outbox", Object.class)).hasSize(1);
        assertThat(outbox.relayPending()).isEqualTo(1);
        assertThat(publisher.ofType(OrderExpired.TYPE)).hasSize(1);
        assertThat(stored(order.id()).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void listsOnlyTheCallersOrdersNewestFirstInPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OrderView order = place();
            ids.addFirst(order.id());
            orders.cancel(new OrderRequest(BUYER, order.id()));
        }
        String other = new ObjectId().toHexString();
        orders.place(new PlaceOrder(other, ticketId));

        OrderPage first = orders.list(new OrderQuery(BUYER, "2", null));
        OrderPage second = orders.list(new OrderQuery(BUYER, "2", first.nextCursor()));
        OrderPage third = orders.list(new OrderQuery(BUYER, "2", second.nextCursor()));

        List<String> listed = new ArrayList<>();
        for (OrderPage page : List.of(first, second, third)) {
            page.orders().forEach(o -> listed.add(o.id()));
        }
        assertThat(listed).isEqualTo(ids);
        assertThat(third.nextCursor()).isNull();
        assertThat(orders.list(new OrderQuery(BUYER, null, null)).orders()).extracting(OrderView::id).isEqualTo(ids);
    }

    @Test
    void syncsTicketUpdatesInVersionOrderOnly() {
        TicketUpdated v1 = new TicketUpdated(ticketId, 1, "concert v1", new BigDecimal("21"), "seller", null);
        TicketUpdated v2 = new TicketUpdated(ticketId, 2, "concert v2", new BigDecimal("22"), "seller", null);

        assertThat(orders.syncTicket(v2)).isEqualTo(Delivery.EARLY);
        assertThat(orders.syncTicket(v1)).isEqualTo(Delivery.APPLIED);
        assertThat(orders.syncTicket(v1)).isEqualTo(Delivery.DUPLICATE);
        assertThat(orders.syncTicket(v2)).isEqualTo(Delivery.APPLIED);
        assertThat(orders.syncTicket(v1)).isEqualTo(Delivery.STALE);
        assertThat(orders.syncTicket(new TicketCreated(ticketId, 0, "concert", BigDecimal.ONE, "seller")))
                .isEqualTo(Delivery.STALE);

        assertThat(place().ticket()).satisfies(t -> {
            assertThat(t.title()).isEqualTo("concert v2");
            assertThat(t.price()).isEqualByComparingTo("22");
            assertThat(t.version()).isEqualTo(2);
        });
    }
}
