package dev.ticketing.createticket;

import dev.ticketing.auth.CurrentUser;
import dev.ticketing.ticket.NewTicket;
import dev.ticketing.ticket.TicketDetails;
import dev.ticketing.ticket.TicketView;
import java.net.URI;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/tickets {title, price}}: 201 with the ticket; 401 signed out; 400 invalid. */
@RestController
class CreateTicketController {

    private final Function<NewTicket, TicketView> createTicket;

    CreateTicketController(@Qualifier("createTicket") Function<NewTicket, TicketView> createTicket) {
        this.createTicket = createTicket;
    }

    @PostMapping("/api/tickets")
    ResponseEntity<TicketView> create(CurrentUser user, @RequestBody TicketDetails details) {
        TicketView ticket = createTicket.apply(new NewTicket(user.id(), details));
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.id())).body(ticket);
    }
}
