package dev.ticketing.ticket.store;

import static dev.ticketing.ticket.store.TicketDocument.CREATED_AT;
import static dev.ticketing.ticket.store.TicketDocument.ENDED_ORDER_IDS;
import static dev.ticketing.ticket.store.TicketDocument.ORDER_ID;
import static dev.ticketing.ticket.store.TicketDocument.PRICE_CENTS;
import static dev.ticketing.ticket.store.TicketDocument.TITLE;
import static dev.ticketing.ticket.store.TicketDocument.USER_ID;
import static dev.ticketing.ticket.store.TicketDocument.VERSION;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.domain.ConcurrentModification;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.ticket.Price;
import dev.ticketing.ticket.Ticket;
import dev.ticketing.ticket.TicketCursor;
import dev.ticketing.ticket.TicketView;
import dev.ticketing.ticket.Tickets;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * {@link Tickets} in MongoDB. Every change is one conditional update of one document: matched on
 * {@code _id} and the version it was decided on (optimistic locking), it sets the new state and
 * pushes the owed event into the document's outbox, then the event is published.
 * {@code endedOrderIds} only ever grows ({@code $addToSet}), so concurrent writers never lose one.
 */
public class MongoTickets implements Tickets {

    private static final String ID = "_id";
    private static final Bson VIEW_FIELDS = Projections.include(TITLE, PRICE_CENTS, USER_ID, ORDER_ID, VERSION);

    private final MongoTemplate mongo;
    private final EventEnvelopes envelopes;
    private final Outbox outbox;

    public MongoTickets(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        this.mongo = mongo;
        this.envelopes = envelopes;
        this.outbox = outbox;
    }

    /** Creates the catalogue index: free tickets ({@code orderId} null), newest first (idempotent). */
    public MongoTickets ensureIndexes() {
        mongo.indexOps(TicketDocument.class).createIndex(new Index()
                .on(ORDER_ID, Sort.Direction.ASC)
                .on(CREATED_AT, Sort.Direction.DESC)
                .on(ID, Sort.Direction.DESC)
                .named("catalogue"));
        return this;
    }

    @Override
    public String nextId() {
        return new ObjectId().toHexString();
    }

    @Override
    public Optional<Ticket> byId(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Optional.empty();
        }
        Query query = Query.query(Criteria.where(ID).is(new ObjectId(id)));
        query.fields().exclude(Outbox.FIELD);
        return Optional.ofNullable(mongo.findOne(query, TicketDocument.class)).map(TicketDocument::toTicket);
    }

    /**
     * The hot read ({@code GET /api/tickets/{id}}): the driver's own {@link org.bson.Document} with only
     * the shown fields, without Spring Data's entity mapping (about a quarter of a read's CPU) and
     * without the outbox and {@code endedOrderIds}, which only writers need. Through
     * {@code MongoTemplate.execute}, like the outbox's removals, so the driver's exceptions are
     * translated (a database out of reach is a {@code DataAccessResourceFailureException}: 503).
     */
    @Override
    public Optional<TicketView> view(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Optional.empty();
        }
        org.bson.Document found = mongo.execute(TicketDocument.class, documents ->
                documents.find(Filters.eq(ID, new ObjectId(id))).projection(VIEW_FIELDS).first());
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(new TicketView(id, found.getString(TITLE),
                new Price(found.get(PRICE_CENTS, Number.class).longValue()).amount(), found.getString(USER_ID),
                found.get(VERSION, Number.class).longValue(), found.getString(ORDER_ID)));
    }

    @Override
    public void add(Ticket ticket, TicketCreated event) {
        outbox.insert(TicketDocument.from(ticket), envelopes.wrap(event));
    }

    @Override
    public void save(Ticket changed, TicketUpdated event) {
        Criteria match = current(changed.id(), changed.version() - 1);
        if (changed.orderId() != null) {
            match = match.and(ENDED_ORDER_IDS).ne(changed.orderId());
        }
        Update update = new Update()
                .set(TITLE, changed.title())
                .set(PRICE_CENTS, changed.price().cents())
                .set(VERSION, changed.version());
        if (changed.orderId() == null) {
            update.unset(ORDER_ID);
        } else {
            update.set(ORDER_ID, changed.orderId());
        }
        if (!changed.endedOrderIds().isEmpty()) {
            update.addToSet(ENDED_ORDER_IDS).each(changed.endedOrderIds().toArray());
        }
        owe(changed.id(), match, update, event);
    }

    @Override
    public void recordEndedOrder(Ticket ticket, String orderId) {
        write(current(ticket.id(), ticket.version()), new Update().addToSet(ENDED_ORDER_IDS, orderId));
    }

    @Override
    public void republish(Ticket ticket, TicketUpdated event) {
        owe(ticket.id(), current(ticket.id(), ticket.version()), new Update(), event);
    }

    @Override
    public List<Ticket> available(int limit, TicketCursor after) {
        Criteria free = Criteria.where(ORDER_ID).is(null);
        Criteria criteria = after == null ? free : new Criteria().andOperator(free, new Criteria().orOperator(
                Criteria.where(CREATED_AT).lt(Date.from(after.createdAt())),
                new Criteria().andOperator(Criteria.where(CREATED_AT).is(Date.from(after.createdAt())),
                        Criteria.where(ID).lt(new ObjectId(after.id())))));
        Query query = new Query(criteria)
                .with(Sort.by(Sort.Direction.DESC, CREATED_AT).and(Sort.by(Sort.Direction.DESC, ID)))
                .limit(limit);
        query.fields().exclude(Outbox.FIELD);
        return mongo.find(query, TicketDocument.class).stream().map(TicketDocument::toTicket).toList();
    }

    private static Criteria current(String id, long version) {
        return Criteria.where(ID).is(new ObjectId(id)).and(VERSION).is(version);
    }

    /** Applies {@code update} and pushes {@code event} in one write, then publishes it. */
    private void owe(String id, Criteria match, Update update, TicketUpdated event) {
        if (!outbox.update(TicketDocument.class, id, new Query(match), update, envelopes.wrap(event))) {
            throw new ConcurrentModification();
        }
    }

    private void write(Criteria match, Update update) {
        if (mongo.updateFirst(new Query(match), update, TicketDocument.class).getMatchedCount() == 0) {
            throw new ConcurrentModification();
        }
    }
}
