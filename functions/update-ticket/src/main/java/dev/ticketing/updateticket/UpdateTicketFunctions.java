package dev.ticketing.updateticket;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutboxCollections;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderEnded;
import dev.ticketing.event.OrderEvent;
import dev.ticketing.ticket.TicketEdit;
import dev.ticketing.ticket.TicketService;
import dev.ticketing.ticket.TicketView;
import dev.ticketing.ticket.store.MongoTickets;
import dev.ticketing.ticket.store.TicketDocumentTypes;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** The function beans of this module and the use cases they adapt. */
@Configuration(proxyBeanMethods = false)
class UpdateTicketFunctions {

    @Bean
    TicketService ticketService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox, Clock clock) {
        return new TicketService(new MongoTickets(mongo, envelopes, outbox).ensureIndexes(), clock);
    }

    /** Ticket documents owe {@code ticket.updated}; also exposes {@code relayOutbox}. */
    @Bean
    OutboxCollections outboxCollections() {
        return TicketDocumentTypes.outbox();
    }

    /** {@code PUT /api/tickets/{id}}: the owner changes title and price, version + 1, emits {@code ticket.updated}. */
    @Bean
    Function<TicketEdit, TicketView> updateTicket(TicketService tickets) {
        return tickets::update;
    }

    /** Consumes {@code order.created}: reserves the order's ticket, version + 1, emits {@code ticket.updated}. */
    @Bean
    Function<Message<OrderCreated>, Delivery> reserveTicket(TicketService tickets) {
        return message -> tickets.reserve(ticketId(message.getPayload()), message.getPayload().id());
    }

    /**
     * Consumes {@code order.cancelled} and {@code order.expired}: frees the ticket while that order still
     * holds it, version + 1, emits {@code ticket.updated}.
     */
    @Bean
    Function<Message<OrderEnded>, Delivery> releaseTicket(TicketService tickets) {
        return message -> tickets.release(ticketId(message.getPayload()), message.getPayload().id());
    }

    private static String ticketId(OrderEvent order) {
        return order.ticket() == null ? null : order.ticket().id();
    }
}
