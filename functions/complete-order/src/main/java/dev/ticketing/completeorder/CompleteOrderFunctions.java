package dev.ticketing.completeorder;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutboxCollections;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.Delivery;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.store.OrderDocumentTypes;
import dev.ticketing.order.store.OrderStore;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** The function bean of this module and the use case it adapts. */
@Configuration(proxyBeanMethods = false)
class CompleteOrderFunctions {

    @Bean
    OrderService orderService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox, Clock clock) {
        return OrderStore.service(mongo, envelopes, outbox, clock, OrderService.DEFAULT_EXPIRATION_WINDOW);
    }

    @Bean
    OutboxCollections outboxCollections() {
        return OrderDocumentTypes.outbox();
    }

    /**
     * Consumes {@code charge.created}: the paid order becomes {@code complete}, emits
     * {@code order.completed}. A redelivery changes nothing and emits {@code order.completed} again; a
     * charge for an order that ended unpaid is acknowledged and changes nothing; an unknown order is
     * refused (422, not retried).
     */
    @Bean
    Function<Message<ChargeCreated>, Delivery> completeOrder(OrderService orders) {
        return message -> orders.complete(message.getPayload());
    }
}
