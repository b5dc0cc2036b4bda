package dev.ticketing.cloudevent;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Publishes the events a document owes (transactional outbox without transactions: the owed event
 * lives inside the aggregate's own document, written atomically with the change).
 */
public class Outbox {

    public static final String FIELD = "outbox";
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int RELAY_BATCH = 200;

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final List<Class<? extends OutboxDocument>> documentTypes;

    public Outbox(MongoTemplate mongo, EventPublisher publisher, OutboxCollections collections) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.documentTypes = collections == null ? List.of() : collections.documentTypes();
    }

    /**
     * Inserts {@code document} owing {@code event}, in one write, then publishes the event. A duplicate
     * key ({@code DuplicateKeyException}) is the caller's to name.
     */
    public void insert(OutboxDocument document, OutgoingEvent event) {
        document.owe(event);
        mongo.insert(document);
        flush(document.getClass(), document.id(), List.of(event));
    }

    /**
     * Applies {@code update} to the document of {@code type} that {@code match} selects and pushes
     * {@code event} into its outbox, in one write, then publishes the event. By collection name: the
     * update is written exactly as given (no mapping, no version handling).
     *
     * @return whether a document matched; if none did, nothing was written or published
     */
    public boolean update(Class<? extends OutboxDocument> type, String id, Query match, Update update,
            OutgoingEvent event) {
        if (mongo.updateFirst(match, update.push(FIELD, stored(event)), mongo.getCollectionName(type))
                .getMatchedCount() == 0) {
            return false;
        }
        flush(type, id, List.of(event));
        return true;
    }

    /**
     * Publishes {@code events}, owed by the document {@code id} of {@code type}, in order, and removes
     * each from the outbox once published. Stops at the first failure: the rest stay owed.
     *
     * @return whether every event was published
     */
    public boolean flush(Class<? extends OutboxDocument> type, Object id, List<OutgoingEvent> events) {
        for (OutgoingEvent event : events) {
            try {
                publisher.publish(event);
            } catch (PublishFailed e) {
                log.warn("Event {} {} stays owed and will be relayed: {}", event.type(), event.id(), e.getMessage());
                return false;
            }
            remove(mongo.getCollectionName(type), storedId(id), event);
        }
        return true;
    }

    /** Publishes everything still owed in this function's collections; returns how many were published. */
    public int relayPending() {
        int published = 0;
        for (Class<? extends OutboxDocument> type : documentTypes) {
            String collection = mongo.getCollectionName(type);
            List<Document> owing = mongo.find(
                    new Query(Criteria.where(FIELD + ".0").exists(true)).limit(RELAY_BATCH), Document.class,
                    collection);
            for (Document doc : owing) {
                List<OutgoingEvent> events = new ArrayList<>();
                for (Object raw : doc.getList(FIELD, Object.class)) {
                    events.add(read((Document) raw));
                }
                for (OutgoingEvent event : events) {
                    publisher.publish(event);
                    remove(collection, doc.get("_id"), event);
                    published++;
                }
            }
        }
        return published;
    }

    /**
     * Removes a published event from its document's outbox: by collection name, not entity type
     * (removing a published event is not a new version), with the driver's own filter and update
     * (no query mapping on the write path; {@code execute} still translates the driver's exceptions).
     * Spring Data stores an {@code id} property of an embedded record as {@code _id}.
     */
    private void remove(String collection, Object storedId, OutgoingEvent event) {
        mongo.execute(collection, documents -> documents.updateOne(Filters.eq("_id", storedId),
                Updates.pull(FIELD, new Document("_id", event.id()))));
    }

    private static Object storedId(Object id) {
        return id instanceof String s && ObjectId.isValid(s) ? new ObjectId(s) : id;
    }

    /** An owed event as the outbox stores it: the shape Spring Data writes for {@link OutboxDocument#owe}. */
    private static Document stored(OutgoingEvent e) {
        return new Document("_id", e.id()).append("type", e.type()).append("source", e.source())
                .append("subject", e.subject()).append("partitionKey", e.partitionKey()).append("time", e.time())
                .append("data", e.data());
    }

    private static OutgoingEvent read(Document d) {
        return new OutgoingEvent(d.containsKey("_id") ? d.getString("_id") : d.getString("id"), d.getString("type"), d.getString("source"),
                d.getString("subject"), d.getString("partitionKey"), d.getString("time"), d.getString("data"));
    }
}
