package dev.ticketing.order.store;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.expiry.OverdueOrders;
import java.time.Clock;
import java.time.Duration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Builds {@link OrderService} on the {@code orders} database, creating its indexes. Every order module
 * wires it this way, expire-order included ({@code OrderStore.service(mongo, envelopes, outbox)} and
 * {@link OrderDocumentTypes#outbox()}).
 */
public final class OrderStore {

    private OrderStore() {
    }

    public static OrderService service(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox, Clock clock,
            Duration expirationWindow) {
        return service(mongo, envelopes, outbox, clock, expirationWindow, OrderService.DEFAULT_MAX_OPEN_ORDERS);
    }

    /** As above, with at most {@code maxOpenOrders} open orders per buyer (place-order). */
    public static OrderService service(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox, Clock clock,
            Duration expirationWindow, int maxOpenOrders) {
        return new OrderService(new MongoOrders(mongo, envelopes, outbox).ensureIndexes(), new MongoTicketViews(mongo),
                clock, expirationWindow, maxOpenOrders);
    }

    /** The orders store as the expiry sweep reads it, with the index the sweep needs. */
    public static OverdueOrders overdueOrders(MongoTemplate mongo) {
        return new MongoOverdueOrders(mongo).ensureIndexes();
    }

    /** With the system clock and the default 15-minute window (for modules that do not place orders). */
    public static OrderService service(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        return service(mongo, envelopes, outbox, Clock.systemUTC(), OrderService.DEFAULT_EXPIRATION_WINDOW);
    }
}
