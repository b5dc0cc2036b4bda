package dev.ticketing.order.store;

import dev.ticketing.order.OrderStatus;
import dev.ticketing.order.expiry.OverdueOrders;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * {@link OverdueOrders} in the {@code orders} collection: a range read of the index on
 * ({@code status}, {@code expiresAt}, {@code _id}), which holds the sweep's filter, order and page
 * position, reading only {@code _id} and {@code expiresAt}.
 */
public class MongoOverdueOrders implements OverdueOrders {

    static final String INDEX = "status_expires_at";

    private final MongoTemplate mongo;

    public MongoOverdueOrders(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the sweep's index (idempotent). */
    public MongoOverdueOrders ensureIndexes() {
        mongo.indexOps(OrderDocument.COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC)
                .on("expiresAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named(INDEX));
        return this;
    }

    @Override
    public List<Overdue> overdue(Instant before, Overdue after, int limit) {
        Criteria criteria = Criteria.where("status").is(OrderStatus.CREATED.value());
        if (after == null) {
            criteria = criteria.and("expiresAt").lt(Date.from(before));
        } else {
            Date last = Date.from(after.expiresAt());
            criteria = criteria.and("expiresAt").lt(Date.from(before)).orOperator(
                    Criteria.where("expiresAt").gt(last),
                    Criteria.where("expiresAt").is(last).and("_id").gt(new ObjectId(after.orderId())));
        }
        Query query = Query.query(criteria)
                .with(Sort.by(Sort.Order.asc("expiresAt"), Sort.Order.asc("_id")))
                .limit(limit);
        query.fields().include("_id").include("expiresAt");
        return mongo.find(query, Document.class, OrderDocument.COLLECTION).stream()
                .map(doc -> new Overdue(doc.getObjectId("_id").toHexString(), doc.getDate("expiresAt").toInstant()))
                .toList();
    }
}
