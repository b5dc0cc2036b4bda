package dev.ticketing.ticket.store;

import dev.ticketing.cloudevent.OutboxDocument;
import dev.ticketing.ticket.Price;
import dev.ticketing.ticket.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A ticket in the {@code tickets} database. {@code priceCents} is the price in cents; {@code orderId}
 * is absent while the ticket is free; {@code version} is written explicitly by every conditional
 * update (see {@link MongoTickets}), so it is no Spring Data {@code @Version}.
 */
@Document("tickets")
class TicketDocument extends OutboxDocument {

    static final String TITLE = "title";
    static final String PRICE_CENTS = "priceCents";
    static final String USER_ID = "userId";
    static final String ORDER_ID = "orderId";
    static final String VERSION = "version";
    static final String CREATED_AT = "createdAt";
    static final String ENDED_ORDER_IDS = "endedOrderIds";

    @Id
    private String id;
    private String title;
    private long priceCents;
    private String userId;
    private String orderId;
    private long version;
    private Instant createdAt;
    private List<String> endedOrderIds = new ArrayList<>();

    TicketDocument() {
    }

    static TicketDocument from(Ticket ticket) {
        TicketDocument doc = new TicketDocument();
        doc.id = ticket.id();
        doc.title = ticket.title();
        doc.priceCents = ticket.price().cents();
        doc.userId = ticket.userId();
        doc.orderId = ticket.orderId();
        doc.version = ticket.version();
        doc.createdAt = ticket.createdAt();
        doc.endedOrderIds = new ArrayList<>(ticket.endedOrderIds());
        return doc;
    }

    Ticket toTicket() {
        return new Ticket(id, title, new Price(priceCents), userId, orderId, version, createdAt,
                endedOrderIds == null ? java.util.Set.of() : new LinkedHashSet<>(endedOrderIds));
    }

    @Override
    public String id() {
        return id;
    }
}
