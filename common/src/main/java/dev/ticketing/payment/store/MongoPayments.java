package dev.ticketing.payment.store;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutgoingEvent;
import dev.ticketing.event.Event;
import dev.ticketing.payment.Charge;
import dev.ticketing.payment.PaymentOrder;
import dev.ticketing.payment.Payments;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** {@link Payments} in MongoDB, with the owed event in each charge's outbox. */
public class MongoPayments implements Payments {

    private final MongoTemplate mongo;
    private final EventEnvelopes envelopes;
    private final Outbox outbox;

    public MongoPayments(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        this.mongo = mongo;
        this.envelopes = envelopes;
        this.outbox = outbox;
    }

    /** Creates the unique index on {@code charges.orderId} (idempotent): one charge per order. */
    public MongoPayments ensureIndexes() {
        mongo.indexOps(ChargeDocument.class).createIndex(new Index("orderId", Sort.Direction.ASC).unique());
        return this;
    }

    @Override
    public String nextChargeId() {
        return new ObjectId().toHexString();
    }

    @Override
    public Optional<PaymentOrder> order(String orderId) {
        if (orderId == null || orderId.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(orderId, OrderViewDocument.class)).map(OrderViewDocument::toOrder);
    }

    @Override
    public boolean addOrder(PaymentOrder order) {
        try {
            mongo.insert(OrderViewDocument.from(order));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public boolean advanceOrder(PaymentOrder order) {
        Query previous = Query.query(Criteria.where("id").is(order.id()).and("version").is(order.version() - 1));
        Update update = new Update().set("status", order.status()).set("version", order.version());
        return mongo.updateFirst(previous, update, OrderViewDocument.class).getModifiedCount() == 1;
    }

    @Override
    public Optional<Charge> chargeOf(String orderId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("orderId").is(orderId)),
                ChargeDocument.class)).map(ChargeDocument::toCharge);
    }

    @Override
    public boolean addCharge(Charge charge) {
        try {
            mongo.insert(ChargeDocument.from(charge));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public boolean saveCharge(Charge charge, Event owed) {
        ChargeDocument doc = mongo.findById(charge.id(), ChargeDocument.class);
        if (doc == null || doc.version() == null || doc.version() != charge.version() - 1) {
            return false;
        }
        doc.copy(charge);
        OutgoingEvent event = owed == null ? null : envelopes.wrap(owed);
        if (event != null) {
            doc.owe(event);
        }
        try {
            mongo.save(doc);
        } catch (OptimisticLockingFailureException e) {
            return false;
        }
        if (event != null) {
            // in order: a charge.created still owed goes out before the charge.refunded after it
            outbox.flush(ChargeDocument.class, doc.id(), doc.owed());
        }
        return true;
    }
}
