package dev.ticketing.browsetickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.ticket.NewTicket;
import dev.ticketing.ticket.TicketDetails;
import dev.ticketing.ticket.TicketPage;
import dev.ticketing.ticket.TicketQuery;
import dev.ticketing.ticket.TicketService;
import dev.ticketing.ticket.TicketView;
import dev.ticketing.ticket.store.MongoTickets;
import java.time.Clock;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** The {@code listTickets} and {@code showTicket} function beans, called directly. */
@FunctionTest
class BrowseTicketsFunctionTest extends FunctionTestSupport {

    @Autowired
    @Qualifier("listTickets")
    Function<TicketQuery, TicketPage> listTickets;
    @Autowired
    @Qualifier("showTicket")
    Function<String, TicketView> showTicket;
    @Autowired
    EventEnvelopes envelopes;
    @Autowired
    Outbox outbox;

    TicketService tickets;

    @BeforeEach
    void setUp() {
        tickets = new TicketService(new MongoTickets(mongo, envelopes, outbox), Clock.systemUTC());
    }

    @Test
    void showTicketFindsAListedTicketAndNothingElse() {
        TicketView listed = tickets.create(new NewTicket("owner", new TicketDetails("concert", "20")));

        TicketView shown = showTicket.apply(listed.id());

        assertThat(shown).isEqualTo(listed);
        assertThatThrownBy(() -> showTicket.apply("nope")).isInstanceOf(NotFound.class);
    }

    @Test
    void listTicketsReturnsAPageAndItsCursor() {
        tickets.create(new NewTicket("owner", new TicketDetails("one", "20")));
        tickets.create(new NewTicket("owner", new TicketDetails("two", "20")));

        TicketPage first = listTickets.apply(new TicketQuery("1", null));
        TicketPage rest = listTickets.apply(new TicketQuery(null, first.nextCursor()));

        assertThat(first.tickets()).hasSize(1);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(rest.tickets()).hasSize(1).doesNotContainAnyElementsOf(first.tickets());
        assertThat(rest.nextCursor()).isNull();
        assertThatThrownBy(() -> listTickets.apply(new TicketQuery("0", null)))
                .isInstanceOf(ValidationFailed.class);
    }
}
