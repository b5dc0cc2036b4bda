package dev.ticketing.order.store;

import dev.ticketing.order.Listing;
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
        return listing(id).map(Listing::ticket);
    }

    @Override
    public Optional<Listing> listing(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(id, TicketViewDocument.class)).map(TicketViewDocument::toListing);
    }

    @Override
    public boolean addFirst(Listing listing) {
        try {
            mongo.insert(TicketViewDocument.from(listing));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public boolean replace(Listing listing) {
        TicketView ticket = listing.ticket();
        Query query = Query.query(Criteria.where("_id").is(ticket.id()).and("version").is(ticket.version() - 1));
        Update update = new Update()
                .set("title", ticket.title())
                .set("price", TicketViewDocument.price(ticket.price()))
                .set("version", ticket.version())
                .set("sellerId", listing.sellerId());
        return mongo.updateFirst(query, update, TicketViewDocument.class).getMatchedCount() == 1;
    }
}
