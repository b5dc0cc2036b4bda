package dev.ticketing.createticket;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutboxCollections;
import dev.ticketing.ticket.NewTicket;
import dev.ticketing.ticket.TicketService;
import dev.ticketing.ticket.TicketView;
import dev.ticketing.ticket.store.MongoTickets;
import dev.ticketing.ticket.store.TicketDocumentTypes;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The function beans of this module and the use case they adapt. */
@Configuration(proxyBeanMethods = false)
class CreateTicketFunctions {

    @Bean
    TicketService ticketService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox, Clock clock) {
        return new TicketService(new MongoTickets(mongo, envelopes, outbox).ensureIndexes(), clock);
    }

    /** Ticket documents owe {@code ticket.created}; also exposes {@code relayOutbox}. */
    @Bean
    OutboxCollections outboxCollections() {
        return TicketDocumentTypes.outbox();
    }

    /** {@code POST /api/tickets}: lists a ticket for the caller at version 0, emits {@code ticket.created}. */
    @Bean
    Function<NewTicket, TicketView> createTicket(TicketService tickets) {
        return tickets::create;
    }
}
