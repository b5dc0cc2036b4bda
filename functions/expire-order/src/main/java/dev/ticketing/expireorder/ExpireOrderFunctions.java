package dev.ticketing.expireorder;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutboxCollections;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.PingTick;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.expiry.ExpirableOrders;
import dev.ticketing.order.expiry.ExpiryQueue;
import dev.ticketing.order.expiry.ExpiryReport;
import dev.ticketing.order.expiry.OrderExpiry;
import dev.ticketing.order.expiry.redis.RedisExpiryQueue;
import dev.ticketing.order.store.OrderDocumentTypes;
import dev.ticketing.order.store.OrderStore;
import io.lettuce.core.ClientOptions;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.messaging.Message;

/** The function beans of this module and the use case they adapt (docs/architecture.md#order-expiry). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExpiryProperties.class)
class ExpireOrderFunctions {

    private static final Logger log = LoggerFactory.getLogger(ExpireOrderFunctions.class);

    @Bean
    OrderService orderService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        return OrderStore.service(mongo, envelopes, outbox);
    }

    /** Orders owing {@code order.expired} after a failed publish are relayed by {@code relayOutbox}. */
    @Bean
    OutboxCollections outboxCollections() {
        return OrderDocumentTypes.outbox();
    }

    @Bean
    ExpiryQueue expiryQueue(StringRedisTemplate redis, ExpiryProperties properties) {
        return new RedisExpiryQueue(redis, properties.keyPrefix()).connectInBackground();
    }

    /** Redis is the fast path; the sweep of the orders store expires whatever Redis never held. */
    @Bean
    OrderExpiry orderExpiry(ExpiryQueue queue, OrderService orders, MongoTemplate mongo, Clock clock,
            ExpiryProperties properties) {
        return new OrderExpiry(queue, ExpirableOrders.of(orders), OrderStore.overdueOrders(mongo), clock,
                properties.settings());
    }

    /**
     * While Redis is down, refuse commands at once instead of queueing them until the command timeout:
     * {@code scheduleExpiry} then answers 503 promptly and the broker redelivers.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Consumes {@code order.created}: queues the order for its {@code expiresAt}. A redelivery neither
     * duplicates nor moves the entry (DUPLICATE). Redis unreachable: 503, the broker redelivers.
     */
    @Bean
    Function<Message<OrderCreated>, Delivery> scheduleExpiry(OrderExpiry expiry) {
        return message -> expiry.schedule(message.getPayload().id(), message.getPayload().expiresAt());
    }

    /**
     * Consumes {@code dev.knative.sources.ping}: expires every order whose entry is due (emits
     * {@code order.expired} for each one still {@code created}), then every order still {@code created}
     * that the sweep finds overdue, and returns. Redis unreachable: the sweep still runs and the tick
     * succeeds (the broker has nothing to retry: the sweep did the tick's work). The orders database
     * unreachable: the tick fails (503) and the next one catches up.
     */
    @Bean
    Function<Message<PingTick>, Delivery> expireOrders(OrderExpiry expiry) {
        return tick -> {
            try {
                ExpiryReport report = expiry.expireDue();
                if (report.queueFailure() != null) {
                    log.warn("Tick {}: the expiry queue failed, the sweep ran: {}", tick.getPayload().id(), report);
                } else if (report.anything()) {
                    log.info("Tick {}: {}", tick.getPayload().id(), report);
                }
                return Delivery.APPLIED;
            } catch (RuntimeException e) {
                log.error("Tick {} failed; the next tick catches up: {}", tick.getPayload().id(), e.toString());
                throw e;
            }
        };
    }
}
