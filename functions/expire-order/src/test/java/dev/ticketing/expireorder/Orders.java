package dev.ticketing.expireorder;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketRef;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import dev.ticketing.order.store.OrderStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Places real orders in the orders database, through the orders context's own service. */
final class Orders {

    static final String BUYER = new ObjectId().toHexString();

    private final OrderService now;
    private final OrderService twentyMinutesAgo;
    private final OrderService anHourAgo;

    /** One buyer places every order here: no cap on its open orders (place-order's cap is not tested here). */
    Orders(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        this.now = OrderStore.service(mongo, envelopes, outbox, Clock.systemUTC(),
                OrderService.DEFAULT_EXPIRATION_WINDOW, Integer.MAX_VALUE);
        this.twentyMinutesAgo = OrderStore.service(mongo, envelopes, outbox,
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), Clock.systemUTC().getZone()),
                OrderService.DEFAULT_EXPIRATION_WINDOW, Integer.MAX_VALUE);
        this.anHourAgo = OrderStore.service(mongo, envelopes, outbox,
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), Clock.systemUTC().getZone()),
                OrderService.DEFAULT_EXPIRATION_WINDOW, Integer.MAX_VALUE);
    }

    /** An order placed 20 minutes ago: its 15-minute window ran out. */
    OrderView due() {
        return place(twentyMinutesAgo);
    }

    /**
     * An order placed an hour ago: 45 minutes past its window, so overdue for the sweep of the orders
     * store (the tests set {@code sweep-after} to 10 minutes: a {@link #due} order is the queue's alone).
     */
    OrderView overdue() {
        return place(anHourAgo);
    }

    /** An order placed now: due in 15 minutes. */
    OrderView notYetDue() {
        return place(now);
    }

    OrderView show(String orderId) {
        return now.show(new OrderRequest(BUYER, orderId));
    }

    OrderService service() {
        return now;
    }

    static OrderCreated created(OrderView order) {
        return new OrderCreated(order.id(), order.version(), order.status(), order.userId(), order.expiresAt(),
                new TicketRef(order.ticket().id(), order.ticket().price()));
    }

    private static OrderView place(OrderService service) {
        String ticketId = new ObjectId().toHexString();
        service.syncTicket(new TicketCreated(ticketId, 0, "Concert", new BigDecimal("20.00"), "seller"));
        return service.place(new PlaceOrder(BUYER, ticketId));
    }
}
