package dev.ticketing.event;

import java.math.BigDecimal;

/** A ticket was listed. Emitted by create-ticket; consumed by place-order/syncTicket. */
public record TicketCreated(String id, long version, String title, BigDecimal price, String userId)
        implements TicketEvent {

    public static final String TYPE = "dev.ticketing.ticket.created";
}
