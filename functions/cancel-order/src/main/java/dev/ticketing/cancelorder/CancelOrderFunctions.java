package dev.ticketing.cancelorder;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutboxCollections;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.store.OrderDocumentTypes;
import dev.ticketing.order.store.OrderStore;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The function bean of this module and the use case it adapts. */
@Configuration(proxyBeanMethods = false)
class CancelOrderFunctions {

    @Bean
    OrderService orderService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox, Clock clock) {
        return OrderStore.service(mongo, envelopes, outbox, clock, OrderService.DEFAULT_EXPIRATION_WINDOW);
    }

    @Bean
    OutboxCollections outboxCollections() {
        return OrderDocumentTypes.outbox();
    }

    /**
     * {@code DELETE /api/orders/{id}}: the owner cancels its order, emits {@code order.cancelled}; an
     * already cancelled order is left as it is and nothing is emitted; a complete one is refused.
     */
    @Bean
    Function<OrderRequest, OrderView> cancelOrder(OrderService orders) {
        return orders::cancel;
    }
}
