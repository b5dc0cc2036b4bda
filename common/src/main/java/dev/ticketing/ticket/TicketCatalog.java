package dev.ticketing.ticket;

import dev.ticketing.domain.NotFound;
import java.util.List;

/** The read side of the tickets context: one ticket, or the unreserved ones page by page. */
public class TicketCatalog {

    private final Tickets tickets;

    public TicketCatalog(Tickets tickets) {
        this.tickets = tickets;
    }

    /** The ticket {@code id} (with {@code orderId} when reserved); {@link NotFound} when unknown or malformed. */
    public TicketView show(String id) {
        return tickets.view(id).orElseThrow(NotFound::new);
    }

    /** A page of unreserved tickets, newest first. */
    public TicketPage list(TicketQuery query) {
        int size = query.pageSize();
        List<Ticket> found = tickets.available(size + 1, query.start());
        List<Ticket> page = found.subList(0, Math.min(size, found.size()));
        String next = found.size() > size ? TicketCursor.after(page.getLast()).encode() : null;
        return new TicketPage(page.stream().map(Ticket::view).toList(), next);
    }
}
