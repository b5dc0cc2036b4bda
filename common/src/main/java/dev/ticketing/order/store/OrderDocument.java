package dev.ticketing.order.store;

import dev.ticketing.cloudevent.OutboxDocument;
import dev.ticketing.order.Order;
import dev.ticketing.order.OrderStatus;
import dev.ticketing.order.TicketView;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order in the {@code orders} collection. {@code activeTicketId} is the ticket's id while the order
 * holds it ({@code created} or {@code complete}) and absent once it is cancelled: a sparse unique index
 * on it lets at most one order hold a ticket. {@code version} is managed by {@link MongoOrders} (no
 * {@code @Version}: every change is a version-conditional update).
 */
@Document(OrderDocument.COLLECTION)
class OrderDocument extends OutboxDocument {

    static final String COLLECTION = "orders";

    @Id
    private String id;
    private String userId;
    private String status;
    private Instant placedAt;
    private Instant expiresAt;
    private long version;
    private String activeTicketId;
    private TicketPart ticket;

    OrderDocument() {
    }

    /** The ticket as the order saw it; price as a decimal string (no floating point). */
    static class TicketPart {
        private String id;
        private String title;
        private String price;
        private long version;

        TicketPart() {
        }
    }

    static OrderDocument from(Order order) {
        OrderDocument doc = new OrderDocument();
        doc.id = order.id();
        doc.userId = order.userId();
        doc.status = order.status().value();
        doc.placedAt = order.placedAt();
        doc.expiresAt = order.expiresAt();
        doc.version = order.version();
        doc.activeTicketId = order.status().holdsTicket() ? order.ticket().id() : null;
        doc.ticket = new TicketPart();
        doc.ticket.id = order.ticket().id();
        doc.ticket.title = order.ticket().title();
        doc.ticket.price = order.ticket().price() == null ? null : order.ticket().price().toPlainString();
        doc.ticket.version = order.ticket().version();
        return doc;
    }

    Order toOrder() {
        TicketView view = new TicketView(ticket.id, ticket.title, ticket.price == null ? null : new BigDecimal(ticket.price),
                ticket.version);
        return new Order(id, userId, OrderStatus.of(status), placedAt, expiresAt, version, view);
    }

    @Override
    public String id() {
        return id;
    }
}
