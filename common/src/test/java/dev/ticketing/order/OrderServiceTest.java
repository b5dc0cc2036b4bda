package dev.ticketing.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.NotAuthorized;
import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCompleted;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderEvent;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketRef;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order rules, without Spring or a database: in-memory ports stand in for MongoDB. */
class OrderServiceTest {

    static final String BUYER = "b".repeat(24);
    static final String OTHER = "c".repeat(24);
    static final String TICKET = "a".repeat(24);
    static final String SELLER = "f".repeat(24);

    /** An in-memory {@link Orders} with the one-live-order-per-ticket rule of the real index. */
    static final class InMemoryOrders implements Orders {
        final Map<String, Order> byId = new HashMap<>();
        final List<OrderEvent> events = new ArrayList<>();
        /** Runs just before the next update is attempted (to lose a race on purpose). */
        Runnable beforeNextUpdate;
        int ids;

        @Override
        public String nextId() {
            return String.format("%024x", ++ids);
        }

        @Override
        public Optional<Order> byId(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public void add(Order order, OrderCreated event) {
            if (byId.values().stream().anyMatch(o -> o.status().holdsTicket()
                    && o.ticket().id().equals(order.ticket().id()))) {
                throw new TicketAlreadyReserved();
            }
            byId.put(order.id(), order);
            events.add(event);
        }

        @Override
        public boolean update(Order changed, OrderEvent event) {
            if (beforeNextUpdate != null) {
                Runnable race = beforeNextUpdate;
                beforeNextUpdate = null;
                race.run();
            }
            if (byId.get(changed.id()).version() != changed.version() - 1) {
                return false;
            }
            byId.put(changed.id(), changed);
            events.add(event);
            return true;
        }

        @Override
        public void oweAgain(Order order, OrderEvent event) {
            events.add(event);
        }

        @Override
        public long openOrders(String userId, Instant now, int atMost) {
            return Math.min(atMost, byId.values().stream().filter(o -> o.userId().equals(userId)
                    && o.status() == OrderStatus.CREATED && o.expiresAt().isAfter(now)).count());
        }

        @Override
        public List<Order> byUser(String userId, OrderCursor after, int limit) {
            Comparator<Order> newestFirst = Comparator.comparing(Order::placedAt).thenComparing(Order::id).reversed();
            return byId.values().stream()
                    .filter(o -> o.userId().equals(userId))
                    .filter(o -> after == null || newestFirst.compare(o,
                            new Order(after.orderId(), userId, OrderStatus.CREATED, after.placedAt(), null, 0, null)) > 0)
                    .sorted(newestFirst)
                    .limit(limit)
                    .toList();
        }

        <E> List<E> events(Class<E> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** An in-memory {@link TicketViews} with the version condition of the real update. */
    static final class InMemoryTicketViews implements TicketViews {
        final Map<String, Listing> byId = new HashMap<>();

        @Override
        public Optional<TicketView> byId(String id) {
            return listing(id).map(Listing::ticket);
        }

        @Override
        public Optional<Listing> listing(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public boolean addFirst(Listing listing) {
            return byId.putIfAbsent(listing.ticket().id(), listing) == null;
        }

        @Override
        public boolean replace(Listing listing) {
            Listing known = byId.get(listing.ticket().id());
            if (known == null || known.ticket().version() != listing.ticket().version() - 1) {
                return false;
            }
            byId.put(listing.ticket().id(), listing);
            return true;
        }
    }

    InMemoryOrders orders;
    InMemoryTicketViews tickets;
    ManualClock clock;
    OrderService service;

    @BeforeEach
    void setUp() {
        orders = new InMemoryOrders();
        tickets = new InMemoryTicketViews();
        clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        service = new OrderService(orders, tickets, clock, Duration.ofMinutes(15));
        service.syncTicket(new TicketCreated(TICKET, 0, "concert", new BigDecimal("20.00"), SELLER));
    }

    OrderView place(String userId) {
        return service.place(new PlaceOrder(userId, TICKET));
    }

    String ticket(String title) {
        String id = String.format("%024d", tickets.byId.size() + 1);
        service.syncTicket(new TicketCreated(id, 0, title, BigDecimal.TEN, SELLER));
        return id;
    }

    @Test
    void placesACreatedOrderThatExpiresAfterTheWindow() {
        OrderView order = place(BUYER);

        assertThat(order.status()).isEqualTo("created");
        assertThat(order.userId()).isEqualTo(BUYER);
        assertThat(order.version()).isZero();
        assertThat(order.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(order.ticket()).isEqualTo(new TicketView(TICKET, "concert", new BigDecimal("20.00"), 0));
        assertThat(orders.events(OrderCreated.class)).containsExactly(new OrderCreated(order.id(), 0, "created", BUYER,
                order.expiresAt(), new TicketRef(TICKET, new BigDecimal("20.00"))));
    }

    @Test
    void rejectsAMissingTicketIdWithItsField() {
        assertThatThrownBy(() -> service.place(new PlaceOrder(BUYER, null)))
                .isInstanceOf(ValidationFailed.class)
                .hasMessage("TicketId must be provided")
                .satisfies(e -> assertThat(((ValidationFailed) e).fieldErrors().getFirst().field()).isEqualTo("ticketId"));
        assertThatThrownBy(() -> service.place(new PlaceOrder(BUYER, " "))).isInstanceOf(ValidationFailed.class);
    }

    @Test
    void refusesAnOrderForATicketItNeverHeardOf() {
        assertThatThrownBy(() -> service.place(new PlaceOrder(BUYER, "d".repeat(24)))).isInstanceOf(NotFound.class);
        assertThat(orders.events).isEmpty();
    }

    @Test
    void refusesAnOrderOfTheSellersOwnTicketEvenAfterAnEdit() {
        assertThatThrownBy(() -> place(SELLER)).isInstanceOf(OwnTicket.class)
                .hasMessage("You cannot order your own ticket");
        service.syncTicket(new TicketUpdated(TICKET, 1, "renamed", BigDecimal.ONE, SELLER, null));
        assertThatThrownBy(() -> place(SELLER)).isInstanceOf(OwnTicket.class);
        assertThat(orders.events).isEmpty();
    }

    @Test
    void capsTheOpenOrdersOfOneBuyerUntilOneIsCancelledOrExpires() {
        service = new OrderService(orders, tickets, clock, Duration.ofMinutes(15), 2);
        OrderView first = service.place(new PlaceOrder(BUYER, ticket("one")));
        service.place(new PlaceOrder(BUYER, ticket("two")));

        String third = ticket("three");
        assertThatThrownBy(() -> service.place(new PlaceOrder(BUYER, third))).isInstanceOf(TooManyOpenOrders.class)
                .hasMessage("You already have 2 open orders: pay or cancel one before ordering again");
        assertThat(service.place(new PlaceOrder(OTHER, third)).status()).isEqualTo("created");

        service.cancel(new OrderRequest(BUYER, first.id()));
        service.place(new PlaceOrder(BUYER, ticket("four")));
        assertThatThrownBy(() -> service.place(new PlaceOrder(BUYER, ticket("five"))))
                .isInstanceOf(TooManyOpenOrders.class);

        clock.advance(Duration.ofMinutes(15)); // both unpaid orders ran out, expired or not yet
        assertThat(service.place(new PlaceOrder(BUYER, ticket("six"))).status()).isEqualTo("created");
    }

    @Test
    void refusesAnOrderForAReservedTicketUntilItsOrderIsCancelled() {
        OrderView first = place(OTHER);
        assertThatThrownBy(() -> place(BUYER)).isInstanceOf(TicketAlreadyReserved.class)
                .hasMessage("Ticket is already reserved");

        service.cancel(new OrderRequest(OTHER, first.id()));

        assertThat(place(BUYER).status()).isEqualTo("created");
    }

    @Test
    void cancelsAnOrderOnceAndOnlyForItsOwner() {
        OrderView order = place(BUYER);
        assertThatThrownBy(() -> service.cancel(new OrderRequest(OTHER, order.id()))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.cancel(new OrderRequest(BUYER, "e".repeat(24)))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.cancel(new OrderRequest(null, order.id()))).isInstanceOf(NotAuthorized.class);

        OrderView cancelled = service.cancel(new OrderRequest(BUYER, order.id()));
        OrderView again = service.cancel(new OrderRequest(BUYER, order.id()));

        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.version()).isEqualTo(1);
        assertThat(again).isEqualTo(cancelled);
        assertThat(orders.events(OrderCancelled.class)).containsExactly(
                new OrderCancelled(order.id(), 1, TicketRef.of(TICKET)));
    }

    @Test
    void refusesToCancelACompleteOrder() {
        OrderView order = place(BUYER);
        service.complete(new ChargeCreated("ch", order.id(), "pi", 2000, "usd"));

        assertThatThrownBy(() -> service.cancel(new OrderRequest(BUYER, order.id())))
                .isInstanceOf(OrderAlreadyComplete.class).hasMessage("Cannot cancel a complete order");
        assertThat(orders.events(OrderCancelled.class)).isEmpty();
    }

    @Test
    void aCancellationThatLosesTheRaceToExpiryEmitsNothingMore() {
        OrderView order = place(BUYER);
        orders.beforeNextUpdate = () -> service.expire(order.id());

        OrderView result = service.cancel(new OrderRequest(BUYER, order.id()));

        assertThat(result.status()).isEqualTo("cancelled");
        assertThat(result.version()).isEqualTo(1);
        assertThat(orders.events(OrderExpired.class)).hasSize(1);
        assertThat(orders.events(OrderCancelled.class)).isEmpty();
    }

    @Test
    void expiresOnlyACreatedOrder() {
        OrderView created = place(BUYER);

        assertThat(service.expire(created.id())).isEqualTo(Expiry.EXPIRED);
        assertThat(service.expire(created.id())).isEqualTo(Expiry.ALREADY_ENDED);
        assertThat(service.expire("f".repeat(24))).isEqualTo(Expiry.UNKNOWN);

        OrderView complete = place(OTHER);
        service.complete(new ChargeCreated("ch", complete.id(), "pi", 2000, "usd"));
        assertThat(service.expire(complete.id())).isEqualTo(Expiry.ALREADY_ENDED);

        assertThat(orders.events(OrderExpired.class)).containsExactly(
                new OrderExpired(created.id(), 1, TicketRef.of(TICKET)));
        assertThat(service.show(new OrderRequest(BUYER, created.id())).status()).isEqualTo("cancelled");
        assertThat(service.show(new OrderRequest(OTHER, complete.id())).status()).isEqualTo("complete");
    }

    @Test
    void completesAnOrderAndOwesOrderCompletedAgainOnARedelivery() {
        OrderView order = place(BUYER);
        ChargeCreated charge = new ChargeCreated("ch", order.id(), "pi", 2000, "usd");

        assertThat(service.complete(charge)).isEqualTo(Delivery.APPLIED);
        assertThat(service.complete(charge)).isEqualTo(Delivery.DUPLICATE);

        OrderCompleted completed = new OrderCompleted(order.id(), 1, TicketRef.of(TICKET));
        assertThat(orders.events(OrderCompleted.class)).containsExactly(completed, completed);
        assertThat(service.show(new OrderRequest(BUYER, order.id())).version()).isEqualTo(1);
    }

    @Test
    void refusesAChargeThatIsNotForTheOrdersPriceAndCurrency() {
        OrderView order = place(BUYER);

        for (ChargeCreated forged : List.of(new ChargeCreated("ch", order.id(), "pi", 50, "usd"),
                new ChargeCreated("ch", order.id(), "pi", 1999, "usd"), new ChargeCreated("ch", order.id(), "pi", 2001, "usd"),
                new ChargeCreated("ch", order.id(), "pi", 2000, "eur"), new ChargeCreated("ch", order.id(), "pi", 2000, null))) {
            assertThatThrownBy(() -> service.complete(forged)).as(forged.toString())
                    .isInstanceOf(ChargeDoesNotMatchOrder.class);
        }
        assertThat(orders.events(OrderCompleted.class)).isEmpty();
        assertThat(service.show(new OrderRequest(BUYER, order.id())).status()).isEqualTo("created");
    }

    @Test
    void ignoresAChargeForAnOrderThatEndedUnpaidAndRefusesOneForAnUnknownOrder() {
        OrderView order = place(BUYER);
        service.expire(order.id());

        assertThat(service.complete(new ChargeCreated("ch", order.id(), "pi", 2000, "usd"))).isEqualTo(Delivery.STALE);
        assertThat(orders.events(OrderCompleted.class)).isEmpty();
        assertThatThrownBy(() -> service.complete(new ChargeCreated("ch", "9".repeat(24), "pi", 2000, "usd")))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void showsAnOrderOnlyToItsOwner() {
        OrderView order = place(BUYER);
        assertThat(service.show(new OrderRequest(BUYER, order.id()))).isEqualTo(order);
        // someone else's order is refused exactly as an unknown one
        assertThatThrownBy(() -> service.show(new OrderRequest(OTHER, order.id()))).isInstanceOf(NotFound.class)
                .hasMessage(new NotFound().getMessage());
        assertThatThrownBy(() -> service.show(new OrderRequest(BUYER, "nope"))).isInstanceOf(NotFound.class);
    }

    @Test
    void listsOnlyTheCallersOrdersNewestFirstInPages() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.addFirst(service.place(new PlaceOrder(BUYER, ticket("t" + i))).id());
            clock.advance(Duration.ofSeconds(1));
        }
        service.place(new PlaceOrder(OTHER, ticket("other")));

        OrderPage first = service.list(new OrderQuery(BUYER, "3", null));
        OrderPage second = service.list(new OrderQuery(BUYER, "3", first.nextCursor()));

        assertThat(first.orders()).extracting(OrderView::id).isEqualTo(newestFirst.subList(0, 3));
        assertThat(first.nextCursor()).isNotNull();
        assertThat(second.orders()).extracting(OrderView::id).isEqualTo(newestFirst.subList(3, 5));
        assertThat(second.nextCursor()).isNull();
        assertThat(service.list(new OrderQuery(BUYER, null, null)).orders()).hasSize(5);
    }

    @Test
    void rejectsABadPageLimitOrCursor() {
        for (String limit : List.of("0", "101", "-1", "ten", "")) {
            assertThatThrownBy(() -> service.list(new OrderQuery(BUYER, limit, null))).as(limit)
                    .isInstanceOf(ValidationFailed.class)
                    .satisfies(e -> assertThat(((ValidationFailed) e).fieldErrors().getFirst().field()).isEqualTo("limit"));
        }
        assertThatThrownBy(() -> service.list(new OrderQuery(BUYER, null, "123_xyz")))
                .isInstanceOf(ValidationFailed.class)
                .satisfies(e -> assertThat(((ValidationFailed) e).fieldErrors().getFirst().field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> service.list(new OrderQuery(null, null, null))).isInstanceOf(NotAuthorized.class);
    }

    @Test
    void keepsTheTicketViewInVersionOrder() {
        TicketUpdated v1 = new TicketUpdated(TICKET, 1, "v1", BigDecimal.ONE, OTHER, null);
        TicketUpdated v2 = new TicketUpdated(TICKET, 2, "v2", BigDecimal.TWO, OTHER, "o".repeat(24));
        TicketUpdated v3 = new TicketUpdated(TICKET, 3, "v3", BigDecimal.TEN, OTHER, null);

        assertThat(service.syncTicket(v2)).isEqualTo(Delivery.EARLY);
        assertThat(service.syncTicket(v3)).isEqualTo(Delivery.EARLY);
        assertThat(service.syncTicket(v1)).isEqualTo(Delivery.APPLIED);
        assertThat(service.syncTicket(v1)).isEqualTo(Delivery.DUPLICATE);
        assertThat(service.syncTicket(v2)).isEqualTo(Delivery.APPLIED);
        assertThat(service.syncTicket(v3)).isEqualTo(Delivery.APPLIED);
        assertThat(service.syncTicket(v2)).isEqualTo(Delivery.STALE);
        assertThat(service.syncTicket(new TicketCreated(TICKET, 0, "again", BigDecimal.ONE, OTHER)))
                .isEqualTo(Delivery.STALE);
        assertThat(tickets.byId(TICKET)).contains(new TicketView(TICKET, "v3", BigDecimal.TEN, 3));
    }

    @Test
    void aRedeliveredTicketCreatedIsADuplicate() {
        assertThat(service.syncTicket(new TicketCreated(TICKET, 0, "concert", new BigDecimal("20.00"), OTHER)))
                .isEqualTo(Delivery.DUPLICATE);
        assertThat(service.syncTicket(new TicketUpdated("9".repeat(24), 1, "unknown", BigDecimal.ONE, OTHER, null)))
                .isEqualTo(Delivery.EARLY);
    }

    @Test
    void refusesTicketEventsThatCannotDescribeATicket() {
        assertThatThrownBy(() -> service.syncTicket(new TicketCreated(null, 0, "t", BigDecimal.ONE, OTHER)))
                .isInstanceOf(InvalidTicketEvent.class);
        assertThatThrownBy(() -> service.syncTicket(new TicketCreated("1".repeat(24), 0, "t", null, OTHER)))
                .isInstanceOf(InvalidTicketEvent.class);
        assertThatThrownBy(() -> service.syncTicket(new TicketUpdated(TICKET, 1, null, BigDecimal.ONE, OTHER, null)))
                .isInstanceOf(InvalidTicketEvent.class);
        assertThat(tickets.byId).hasSize(1);
    }

    @Test
    void anOrderEmbedsTheTicketAsItWasWhenPlaced() {
        OrderView order = place(BUYER);
        service.syncTicket(new TicketUpdated(TICKET, 1, "renamed", BigDecimal.ONE, OTHER, order.id()));

        assertThat(service.show(new OrderRequest(BUYER, order.id())).ticket().title()).isEqualTo("concert");
    }

    @Test
    void refusesANonPositiveExpirationWindow() {
        assertThatThrownBy(() -> new OrderService(orders, tickets, clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
