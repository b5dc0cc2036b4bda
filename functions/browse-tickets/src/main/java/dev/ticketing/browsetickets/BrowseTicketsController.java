package dev.ticketing.browsetickets;

import dev.ticketing.ticket.TicketPage;
import dev.ticketing.ticket.TicketQuery;
import dev.ticketing.ticket.TicketView;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /api/tickets?limit=&cursor=}: a plain JSON array (what the original web client expects);
 * when more tickets follow, the {@code Next-Cursor} header (and a {@code Link: rel="next"}) says where
 * the next page starts. {@code GET /api/tickets/{id}}: one ticket, 404 when unknown or malformed.
 */
@RestController
class BrowseTicketsController {

    static final String NEXT_CURSOR = "Next-Cursor";

    private final Function<TicketQuery, TicketPage> listTickets;
    private final Function<String, TicketView> showTicket;

    BrowseTicketsController(@Qualifier("listTickets") Function<TicketQuery, TicketPage> listTickets, @Qualifier("showTicket") Function<String, TicketView> showTicket) {
        this.listTickets = listTickets;
        this.showTicket = showTicket;
    }

    @GetMapping("/api/tickets")
    ResponseEntity<List<TicketView>> list(@RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        TicketPage page = listTickets.apply(new TicketQuery(limit, cursor));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.nextCursor() != null) {
            UriComponentsBuilder next = UriComponentsBuilder.fromPath("/api/tickets");
            if (limit != null && !limit.isBlank()) {
                next.queryParam("limit", limit.strip());
            }
            next.queryParam("cursor", page.nextCursor());
            response.header(NEXT_CURSOR, page.nextCursor())
                    .header(HttpHeaders.LINK, "<" + next.build().toUriString() + ">; rel=\"next\"");
        }
        return response.body(page.tickets());
    }

    @GetMapping("/api/tickets/{id}")
    TicketView show(@PathVariable("id") String id) {
        return showTicket.apply(id);
    }
}
