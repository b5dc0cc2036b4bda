package dev.ticketing.browsetickets;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.ticket.TicketCatalog;
import dev.ticketing.ticket.TicketPage;
import dev.ticketing.ticket.TicketQuery;
import dev.ticketing.ticket.TicketView;
import dev.ticketing.ticket.store.MongoTickets;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The function beans of this module (read only: no events). */
@Configuration(proxyBeanMethods = false)
class BrowseTicketsFunctions {

    @Bean
    TicketCatalog ticketCatalog(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        return new TicketCatalog(new MongoTickets(mongo, envelopes, outbox).ensureIndexes());
    }

    /** {@code GET /api/tickets}: one page of the unreserved tickets, newest first. */
    @Bean
    Function<TicketQuery, TicketPage> listTickets(TicketCatalog catalog) {
        return catalog::list;
    }

    /** {@code GET /api/tickets/{id}}: one ticket, reserved or not. */
    @Bean
    Function<String, TicketView> showTicket(TicketCatalog catalog) {
        return catalog::show;
    }
}
