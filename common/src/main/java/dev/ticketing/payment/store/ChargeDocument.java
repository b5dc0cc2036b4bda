package dev.ticketing.payment.store;

import dev.ticketing.cloudevent.OutboxDocument;
import dev.ticketing.payment.Charge;
import dev.ticketing.payment.ChargeStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** A charge in the {@code charges} collection; {@code orderId} has a unique index (one charge per order). */
@Document("charges")
class ChargeDocument extends OutboxDocument {

    @Id
    private String id;
    private String orderId;
    private long amount;
    private ChargeStatus status;
    private String stripeId;
    private String stripeRefundId;
    private int attempt;
    private String token;
    private Instant leaseUntil;
    private String failure;
    @Version
    private Long version;

    ChargeDocument() {
    }

    static ChargeDocument from(Charge charge) {
        ChargeDocument doc = new ChargeDocument();
        doc.id = charge.id();
        doc.orderId = charge.orderId();
        doc.copy(charge);
        return doc;
    }

    /** Takes the mutable state of {@code charge}; the id, order and version stay. */
    void copy(Charge charge) {
        amount = charge.amount();
        status = charge.status();
        stripeId = charge.stripeId();
        stripeRefundId = charge.stripeRefundId();
        attempt = charge.attempt();
        token = charge.token();
        leaseUntil = charge.leaseUntil();
        failure = charge.failure();
    }

    Charge toCharge() {
        return new Charge(id, orderId, amount, status, stripeId, stripeRefundId, attempt, token, leaseUntil, failure,
                version == null ? 0 : version);
    }

    @Override
    public String id() {
        return id;
    }

    Long version() {
        return version;
    }
}
