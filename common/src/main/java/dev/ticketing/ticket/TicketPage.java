package dev.ticketing.ticket;

import java.util.List;

/** One page of the catalogue, newest first; {@code nextCursor} is null on the last page. */
public record TicketPage(List<TicketView> tickets, String nextCursor) {

    public TicketPage {
        tickets = List.copyOf(tickets);
    }
}
