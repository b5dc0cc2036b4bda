package dev.ticketing.order;

import dev.ticketing.domain.ConcurrentModification;
import dev.ticketing.domain.NotAuthorized;
import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.Validation;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The order use cases: place (emits {@code order.created}), cancel (emits {@code order.cancelled}),
 * expire (emits {@code order.expired}), complete on {@code charge.created} (emits
 * {@code order.completed}), browse, and keep the ticket view on {@code ticket.created} /
 * {@code ticket.updated}.
 *
 * <p>Used by place-order, cancel-order, browse-orders, complete-order, and by expire-order, whose
 * {@code expireOrders} calls {@link #expire(String)}; build it with
 * {@code dev.ticketing.order.store.OrderStore.service(...)}.
 */
public class OrderService {

    public static final Duration DEFAULT_EXPIRATION_WINDOW = Duration.ofMinutes(15);
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 100;
    /** Open orders one buyer may hold at once unless configured otherwise. */
    public static final int DEFAULT_MAX_OPEN_ORDERS = 5;
    /** Status changes retried after losing a race before giving up with 409 / a redelivery. */
    private static final int ATTEMPTS = 5;

    private final Orders orders;
    private final TicketViews tickets;
    private final Clock clock;
    private final Duration expirationWindow;
    private final int maxOpenOrders;

    public OrderService(Orders orders, TicketViews tickets, Clock clock, Duration expirationWindow) {
        this(orders, tickets, clock, expirationWindow, DEFAULT_MAX_OPEN_ORDERS);
    }

    /** @param maxOpenOrders how many open (unpaid, unexpired) orders one buyer may hold at once */
    public OrderService(Orders orders, TicketViews tickets, Clock clock, Duration expirationWindow,
            int maxOpenOrders) {
        if (maxOpenOrders < 1) {
            throw new IllegalArgumentException("A buyer must be allowed at least one open order: " + maxOpenOrders);
        }
        this.maxOpenOrders = maxOpenOrders;
        if (expirationWindow.isNegative() || expirationWindow.isZero()) {
            throw new IllegalArgumentException("The order expiration window must be positive: " + expirationWindow);
        }
        this.orders = orders;
        this.tickets = tickets;
        this.clock = clock;
        this.expirationWindow = expirationWindow;
    }

    /**
     * Places a {@code created} order that reserves the ticket until now + the expiration window.
     * 404 for a ticket this context never heard of; {@link OwnTicket} when the buyer listed it;
     * {@link TooManyOpenOrders} when the buyer holds {@code maxOpenOrders} open orders already;
     * {@link TicketAlreadyReserved} when the ticket has a {@code created} or {@code complete} order.
     * The cap is checked before the insert, so concurrent requests of one buyer can pass it by as many
     * as are in flight at once; it bounds what a script can hold, not an exact count.
     */
    public OrderView place(PlaceOrder request) {
        Validation.of()
                .require(request.ticketId() != null && !request.ticketId().isBlank(), "ticketId",
                        "TicketId must be provided")
                .orThrow();
        requireSignedIn(request.userId());
        Listing listing = tickets.listing(request.ticketId().trim()).orElseThrow(NotFound::new);
        if (listing.listedBy(request.userId())) {
            throw new OwnTicket();
        }
        TicketView ticket = listing.ticket();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        if (orders.openOrders(request.userId(), now, maxOpenOrders) >= maxOpenOrders) {
            throw new TooManyOpenOrders(maxOpenOrders);
        }
        Order order = new Order(orders.nextId(), request.userId(), OrderStatus.CREATED, now,
                now.plus(expirationWindow), 0, ticket);
        orders.add(order, order.createdEvent());
        return order.view();
    }

    /**
     * The buyer cancels its order: {@code cancelled}, version + 1, {@code order.cancelled}. Cancelling
     * an order that is already cancelled changes nothing and emits nothing; a complete one is refused.
     *
     * @return the order as it is now
     */
    public OrderView cancel(OrderRequest request) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Order order = owned(request);
            switch (order.status()) {
                case CANCELLED -> {
                    return order.view();
                }
                case COMPLETE -> throw new OrderAlreadyComplete();
                case CREATED -> {
                    Order cancelled = order.cancelled();
                    if (orders.update(cancelled, cancelled.cancelledEvent())) {
                        return cancelled.view();
                    }
                }
            }
        }
        throw new ConcurrentModification();
    }

    /**
     * The order's payment window ran out: if it is still {@code created} it becomes {@code cancelled}
     * (version + 1) and {@code order.expired} is owed and published; a complete or already cancelled
     * order, or an unknown id, is left alone and nothing is emitted. Called by expire-order.
     */
    public Expiry expire(String orderId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Order> found = orders.byId(orderId);
            if (found.isEmpty()) {
                return Expiry.UNKNOWN;
            }
            Order order = found.get();
            if (order.status() != OrderStatus.CREATED) {
                return Expiry.ALREADY_ENDED;
            }
            Order expired = order.cancelled();
            if (orders.update(expired, expired.expiredEvent())) {
                return Expiry.EXPIRED;
            }
        }
        throw new ConcurrentModification();
    }

    /**
     * Consumes {@code charge.created}: the order becomes {@code complete} (version + 1) and
     * {@code order.completed} is owed. A redelivery finds it complete: DUPLICATE, and
     * {@code order.completed} is owed again. A charge for an order that ended unpaid changes nothing
     * (STALE; the payments context refunds it). A charge that is not for the order's price and
     * currency is refused ({@link ChargeDoesNotMatchOrder}) and changes nothing.
     */
    public Delivery complete(ChargeCreated charge) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Order order = orders.byId(charge.orderId()).orElseThrow(() -> new NotFound("Order not found"));
            switch (order.status()) {
                case COMPLETE -> {
                    orders.oweAgain(order, order.completedEvent());
                    return Delivery.DUPLICATE;
                }
                case CANCELLED -> {
                    return Delivery.STALE;
                }
                case CREATED -> {
                    if (!order.costs(charge.amount(), charge.currency())) {
                        throw new ChargeDoesNotMatchOrder();
                    }
                    Order completed = order.completed();
                    if (orders.update(completed, completed.completedEvent())) {
                        return Delivery.APPLIED;
                    }
                }
            }
        }
        throw new ConcurrentModification();
    }

    /** One of the caller's orders; 404 when unknown or someone else's (the same answer, so ids cannot be probed). */
    public OrderView show(OrderRequest request) {
        return owned(request).view();
    }

    /** The caller's orders, newest first, {@code limit} (1 to 100, default 100) per page. */
    public OrderPage list(OrderQuery query) {
        requireSignedIn(query.userId());
        Integer limit = parseLimit(query.limit());
        Optional<OrderCursor> cursor = OrderCursor.parse(query.cursor());
        Validation.of()
                .require(limit != null, "limit", "Limit must be a whole number from 1 to " + MAX_PAGE_SIZE)
                .require(query.cursor() == null || cursor.isPresent(), "cursor", "Cursor is not valid")
                .orThrow();
        List<Order> found = orders.byUser(query.userId(), cursor.orElse(null), limit + 1);
        List<Order> page = found.size() > limit ? found.subList(0, limit) : found;
        String next = found.size() > limit ? OrderCursor.after(page.getLast()).text() : null;
        return new OrderPage(page.stream().map(Order::view).toList(), next);
    }

    /** Consumes {@code ticket.created}: stores the ticket view unless it is known already. */
    public Delivery syncTicket(TicketCreated event) {
        TicketView ticket = ticketView(event.id(), event.title(), event.price(), event.version());
        if (tickets.addFirst(new Listing(ticket, event.userId()))) {
            return Delivery.APPLIED;
        }
        return tickets.byId(event.id())
                .map(known -> known.version() == event.version() ? Delivery.DUPLICATE : Delivery.STALE)
                .orElse(Delivery.EARLY);
    }

    /**
     * Consumes {@code ticket.updated}: version N replaces version N-1. Before N-1 is known: EARLY (the
     * broker redelivers it); N already known: DUPLICATE; newer known: STALE. Neither changes anything.
     */
    public Delivery syncTicket(TicketUpdated event) {
        TicketView ticket = ticketView(event.id(), event.title(), event.price(), event.version());
        if (tickets.replace(new Listing(ticket, event.userId()))) {
            return Delivery.APPLIED;
        }
        Optional<TicketView> known = tickets.byId(event.id());
        if (known.isEmpty() || known.get().version() < event.version() - 1) {
            return Delivery.EARLY;
        }
        if (known.get().version() == event.version()) {
            return Delivery.DUPLICATE;
        }
        if (known.get().version() > event.version()) {
            return Delivery.STALE;
        }
        // it was at N-1 a moment ago and changed since: let the broker try again
        return Delivery.EARLY;
    }

    /** The view a ticket event describes; {@link InvalidTicketEvent} (never retried) when it cannot describe one. */
    private static TicketView ticketView(String id, String title, BigDecimal price, long version) {
        if (id == null || id.isBlank() || title == null || price == null || version < 0) {
            throw new InvalidTicketEvent();
        }
        return new TicketView(id, title, price, version);
    }

    private Order owned(OrderRequest request) {
        requireSignedIn(request.userId());
        // someone else's order answers exactly as an unknown one: its id confirms nothing
        return orders.byId(request.orderId())
                .filter(order -> order.ownedBy(request.userId()))
                .orElseThrow(NotFound::new);
    }

    private static void requireSignedIn(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new NotAuthorized();
        }
    }

    private static Integer parseLimit(String text) {
        if (text == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            return limit >= 1 && limit <= MAX_PAGE_SIZE ? limit : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
