package dev.ticketing.payment.store;

import dev.ticketing.payment.OrderStatus;
import dev.ticketing.payment.PaymentOrder;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order as the payments database sees it; {@code version} is the order's own version (set by the
 * order events), {@code price} the exact decimal as text.
 */
@Document("orders")
class OrderViewDocument {

    @Id
    private String id;
    private String userId;
    private String price;
    private OrderStatus status;
    private long version;
    private Instant expiresAt;

    OrderViewDocument() {
    }

    static OrderViewDocument from(PaymentOrder order) {
        OrderViewDocument doc = new OrderViewDocument();
        doc.id = order.id();
        doc.userId = order.userId();
        doc.price = order.price().toPlainString();
        doc.status = order.status();
        doc.version = order.version();
        doc.expiresAt = order.expiresAt();
        return doc;
    }

    PaymentOrder toOrder() {
        return new PaymentOrder(id, userId, new BigDecimal(price), status, version, expiresAt);
    }
}
