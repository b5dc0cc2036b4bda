package dev.ticketing.placeorder;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutboxCollections;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketEvent;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import dev.ticketing.order.store.OrderDocumentTypes;
import dev.ticketing.order.store.OrderStore;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** The function beans of this module and the use case they adapt. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderSettings.class)
class PlaceOrderFunctions {

    /**
     * Orders expire {@link OrderSettings#expirationWindow()} after they are placed; a buyer holds at most
     * {@link OrderSettings#maxOpenPerBuyer()} open orders.
     */
    @Bean
    OrderService orderService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox, Clock clock,
            OrderSettings settings) {
        return OrderStore.service(mongo, envelopes, outbox, clock, settings.expirationWindow(),
                settings.maxOpenPerBuyer());
    }

    @Bean
    OutboxCollections outboxCollections() {
        return OrderDocumentTypes.outbox();
    }

    /** {@code POST /api/orders}: reserves a ticket for the caller, emits {@code order.created}. */
    @Bean
    Function<PlaceOrder, OrderView> placeOrder(OrderService orders) {
        return orders::place;
    }

    /**
     * Consumes {@code ticket.created} and {@code ticket.updated}: keeps the orders context's ticket view
     * (version N only on top of N-1; an early one is refused so the broker redelivers it). Emits nothing.
     */
    @Bean
    Function<Message<TicketEvent>, Delivery> syncTicket(OrderService orders) {
        return message -> switch (message.getPayload()) {
            case TicketCreated created -> orders.syncTicket(created);
            case TicketUpdated updated -> orders.syncTicket(updated);
        };
    }
}
