package dev.ticketing.browseorders;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.order.OrderPage;
import dev.ticketing.order.OrderQuery;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.store.OrderStore;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The function beans of this module (read only: they emit nothing) and the use case they adapt. */
@Configuration(proxyBeanMethods = false)
class BrowseOrdersFunctions {

    @Bean
    OrderService orderService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox, Clock clock) {
        return OrderStore.service(mongo, envelopes, outbox, clock, OrderService.DEFAULT_EXPIRATION_WINDOW);
    }

    /** {@code GET /api/orders}: the caller's orders with their ticket, newest first, one page. */
    @Bean
    Function<OrderQuery, OrderPage> listOrders(OrderService orders) {
        return orders::list;
    }

    /** {@code GET /api/orders/{id}}: one of the caller's orders. */
    @Bean
    Function<OrderRequest, OrderView> showOrder(OrderService orders) {
        return orders::show;
    }
}
