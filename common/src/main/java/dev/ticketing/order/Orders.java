package dev.ticketing.order;

import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The orders database. Each write stores its event in the same atomic update (docs/architecture.md#outbox). */
public interface Orders {

    String nextId();

    /** The order, or empty for an unknown or malformed id. */
    Optional<Order> byId(String id);

    /**
     * Adds a new {@code created} order; throws {@link TicketAlreadyReserved} when another order holding
     * the same ticket exists. Enforced by the database (one atomic insert against a unique index), so
     * concurrent orders for one ticket cannot both succeed.
     */
    void add(Order order, OrderCreated event);

    /**
     * Saves {@code changed} over version {@code changed.version() - 1} and owes {@code event} in the same
     * update; an order that ends releases its ticket for new orders.
     *
     * @return false, changing nothing, when the stored order is no longer at that version
     */
    boolean update(Order changed, OrderEvent event);

    /** Owes and publishes {@code event} again for {@code order}, unchanged (a redelivered cause). */
    void oweAgain(Order order, OrderEvent event);

    /**
     * How many of the user's orders are open ({@code created} and not expired at {@code now}), counting
     * no further than {@code atMost}.
     */
    long openOrders(String userId, Instant now, int atMost);

    /** The user's orders, newest first, starting after {@code after} (null: from the newest). */
    List<Order> byUser(String userId, OrderCursor after, int limit);
}
