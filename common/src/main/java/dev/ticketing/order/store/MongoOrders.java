package dev.ticketing.order.store;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderEvent;
import dev.ticketing.order.Order;
import dev.ticketing.order.OrderCursor;
import dev.ticketing.order.OrderStatus;
import dev.ticketing.order.Orders;
import dev.ticketing.order.TicketAlreadyReserved;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * {@link Orders} in MongoDB, with the owed event in each order's outbox. One live order per ticket is
 * enforced by a sparse unique index on {@code activeTicketId} (set while an order is {@code created}
 * or {@code complete}, {@code $unset} when it is cancelled): works on real MongoDB and on
 * mongo-java-server, which ignores {@code partialFilterExpression}.
 */
public class MongoOrders implements Orders {

    private final MongoTemplate mongo;
    private final EventEnvelopes envelopes;
    private final Outbox outbox;

    public MongoOrders(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        this.mongo = mongo;
        this.envelopes = envelopes;
        this.outbox = outbox;
    }

    /** Creates the one-live-order-per-ticket index and the index of a user's orders (idempotent). */
    public MongoOrders ensureIndexes() {
        var indexes = mongo.indexOps(OrderDocument.class);
        indexes.createIndex(new Index("activeTicketId", Sort.Direction.ASC).unique().sparse()
                .named("one_live_order_per_ticket"));
        indexes.createIndex(new Index().on("userId", Sort.Direction.ASC).on("placedAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC).named("orders_of_user"));
        // every change is conditional on {_id, version}: real MongoDB answers that from the _id index,
        // mongo-java-server (tests, local platform) only from an index on exactly those fields
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique()
                .named("id_version"));
        return this;
    }

    @Override
    public String nextId() {
        return new ObjectId().toHexString();
    }

    @Override
    public Optional<Order> byId(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Optional.empty();
        }
        // the owed events are the outbox's business, not the order's: not read
        Query query = Query.query(Criteria.where("_id").is(new ObjectId(id)));
        query.fields().exclude(Outbox.FIELD);
        return Optional.ofNullable(mongo.findOne(query, OrderDocument.class)).map(OrderDocument::toOrder);
    }

    @Override
    public void add(Order order, OrderCreated event) {
        try {
            outbox.insert(OrderDocument.from(order), envelopes.wrap(event));
        } catch (DuplicateKeyException e) {
            throw new TicketAlreadyReserved();
        }
    }

    @Override
    public boolean update(Order changed, OrderEvent event) {
        Update update = new Update().set("status", changed.status().value()).set("version", changed.version());
        if (!changed.status().holdsTicket()) {
            update.unset("activeTicketId");
        }
        return outbox.update(OrderDocument.class, changed.id(), at(changed.id(), changed.version() - 1), update,
                envelopes.wrap(event));
    }

    @Override
    public void oweAgain(Order order, OrderEvent event) {
        outbox.update(OrderDocument.class, order.id(), at(order.id(), order.version()), new Update(),
                envelopes.wrap(event));
    }

    @Override
    public long openOrders(String userId, Instant now, int atMost) {
        Query query = Query.query(Criteria.where("userId").is(userId).and("status").is(OrderStatus.CREATED.value())
                .and("expiresAt").gt(Date.from(now))).limit(atMost);
        return mongo.count(query, OrderDocument.class);
    }

    @Override
    public List<Order> byUser(String userId, OrderCursor after, int limit) {
        Criteria criteria = Criteria.where("userId").is(userId);
        if (after != null) {
            Date placedAt = Date.from(after.placedAt());
            criteria = criteria.orOperator(
                    Criteria.where("placedAt").lt(placedAt),
                    Criteria.where("placedAt").is(placedAt).and("_id").lt(new ObjectId(after.orderId())));
        }
        Query query = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("_id")))
                .limit(limit);
        query.fields().exclude(Outbox.FIELD);
        return mongo.find(query, OrderDocument.class).stream().map(OrderDocument::toOrder).toList();
    }

    private static Query at(String id, long version) {
        return Query.query(Criteria.where("_id").is(new ObjectId(id)).and("version").is(version));
    }
}
