package dev.ticketing.order.store;

import dev.ticketing.order.Listing;
import dev.ticketing.order.TicketView;
import java.math.BigDecimal;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The orders context's copy of a ticket, in the {@code tickets} collection of the {@code orders} database. */
@Document("tickets")
class TicketViewDocument {

    @Id
    private String id;
    private String title;
    /** A decimal string: no floating point for money. */
    private String price;
    private long version;
    /** Who listed the ticket (absent on views stored before it was kept). */
    private String sellerId;

    TicketViewDocument() {
    }

    static TicketViewDocument from(Listing listing) {
        TicketView ticket = listing.ticket();
        TicketViewDocument doc = new TicketViewDocument();
        doc.sellerId = listing.sellerId();
        doc.id = ticket.id();
        doc.title = ticket.title();
        doc.price = price(ticket.price());
        doc.version = ticket.version();
        return doc;
    }

    static String price(BigDecimal price) {
        return price == null ? null : price.toPlainString();
    }

    TicketView toView() {
        return new TicketView(id, title, price == null ? null : new BigDecimal(price), version);
    }

    Listing toListing() {
        return new Listing(toView(), sellerId);
    }
}
