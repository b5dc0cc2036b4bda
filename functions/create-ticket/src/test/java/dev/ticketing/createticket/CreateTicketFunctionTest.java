package dev.ticketing.createticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.NotAuthorized;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.ticket.NewTicket;
import dev.ticketing.ticket.TicketDetails;
import dev.ticketing.ticket.TicketView;
import java.math.BigDecimal;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** The {@code createTicket} function bean, called directly as the controller does. */
@FunctionTest
class CreateTicketFunctionTest extends FunctionTestSupport {

    @Autowired
    @Qualifier("createTicket")
    Function<NewTicket, TicketView> createTicket;

    @Test
    void createsTheTicketForTheGivenUser() {
        TicketView ticket = createTicket.apply(
                new NewTicket("5f1e2d3c4b5a69788796a5b4", new TicketDetails("concert", "20")));

        assertThat(ticket.title()).isEqualTo("concert");
        assertThat(ticket.price()).isEqualTo(new BigDecimal("20"));
        assertThat(ticket.userId()).isEqualTo("5f1e2d3c4b5a69788796a5b4");
        assertThat(ticket.version()).isZero();
        assertThat(ticket.orderId()).isNull();
        assertThat(sink.await(TicketCreated.TYPE).subject()).isEqualTo(ticket.id());
    }

    @Test
    void refusesInvalidDetailsAndMissingUsers() {
        assertThatThrownBy(() -> createTicket.apply(
                new NewTicket("5f1e2d3c4b5a69788796a5b4", new TicketDetails("", "20"))))
                .isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> createTicket.apply(new NewTicket(null, new TicketDetails("a", "20"))))
                .isInstanceOf(NotAuthorized.class);
        assertThat(mongo.getCollection("tickets").countDocuments()).isZero();
    }
}
