package dev.ticketing.order.store;

import dev.ticketing.order.TicketView;
import dev.ticketing.order.TicketViews;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** {@link TicketViews} in MongoDB: each change is one version-conditional update. */
public class MongoTicketViews implements TicketViews {

    private static final int MAX_ID_LENGTH = 128;

    private final MongoTemplate mongo;

    public MongoTicketViews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<TicketView> byId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(id, TicketViewDocument.class)).map(TicketViewDocument::toView);
    }

    @Override
    public boolean addFirst(TicketView ticket) {
        try {
            mongo.insert(TicketViewDocument.from(ticket));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public boolean replace(TicketView ticket) {
        Query query = Query.query(Criteria.where("_id").is(ticket.id()).and("version").is(ticket.version() - 1));
        Update update = new Update()
                .set("title", ticket.title())
                .set("price", TicketViewDocument.price(ticket.price()))
                .set("version", ticket.version());
        return mongo.updateFirst(query, update, TicketViewDocument.class).getMatchedCount() == 1;
    }
}
