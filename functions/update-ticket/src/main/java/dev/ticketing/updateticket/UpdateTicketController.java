package dev.ticketing.updateticket;

import dev.ticketing.auth.CurrentUser;
import dev.ticketing.ticket.TicketDetails;
import dev.ticketing.ticket.TicketEdit;
import dev.ticketing.ticket.TicketView;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/tickets/{id} {title, price}}: 200 with the ticket at version + 1; 401 signed out,
 * 400 invalid, 404 unknown, 400 reserved, 401 not the owner, 409 changed concurrently.
 */
@RestController
class UpdateTicketController {

    private final Function<TicketEdit, TicketView> updateTicket;

    UpdateTicketController(@Qualifier("updateTicket") Function<TicketEdit, TicketView> updateTicket) {
        this.updateTicket = updateTicket;
    }

    @PutMapping("/api/tickets/{id}")
    TicketView update(CurrentUser user, @PathVariable("id") String id, @RequestBody TicketDetails details) {
        return updateTicket.apply(new TicketEdit(id, user.id(), details));
    }
}
