package dev.ticketing.ticket.store;

import dev.ticketing.cloudevent.OutboxCollections;

/** The ticket documents that owe events (relayed by create-ticket and update-ticket). */
public final class TicketDocumentTypes {

    private TicketDocumentTypes() {
    }

    public static OutboxCollections outbox() {
        return OutboxCollections.of(TicketDocument.class);
    }
}
