package dev.ticketing.account.store;

import dev.ticketing.account.Account;
import dev.ticketing.account.Accounts;
import dev.ticketing.account.EmailInUse;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutgoingEvent;
import dev.ticketing.domain.ConcurrentModification;
import dev.ticketing.event.UserCreated;
import dev.ticketing.event.UserUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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

/**
 * {@link Accounts} in MongoDB, with the owed event in each account's outbox. Signed-out sessions are
 * documents {@code {_id: sessionId, until}} of {@value #ENDED_SESSIONS}, removed by a TTL index once
 * {@code until} passed (the session's token could no longer be renewed anyway).
 */
public class MongoAccounts implements Accounts {

    static final String ENDED_SESSIONS = "endedSessions";

    private final MongoTemplate mongo;
    private final EventEnvelopes envelopes;
    private final Outbox outbox;

    public MongoAccounts(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        this.mongo = mongo;
        this.envelopes = envelopes;
        this.outbox = outbox;
    }

    /** Creates the unique email index and the TTL index of ended sessions (idempotent). */
    public MongoAccounts ensureIndexes() {
        mongo.indexOps(AccountDocument.class).createIndex(new Index("email", Sort.Direction.ASC).unique());
        mongo.indexOps(ENDED_SESSIONS).createIndex(new Index("until", Sort.Direction.ASC).expire(Duration.ZERO));
        return this;
    }

    @Override
    public void endSession(String sessionId, Instant until) {
        mongo.upsert(Query.query(Criteria.where("_id").is(sessionId)), Update.update("until", Date.from(until)),
                ENDED_SESSIONS);
    }

    @Override
    public boolean sessionEnded(String sessionId) {
        return sessionId != null && mongo.exists(Query.query(Criteria.where("_id").is(sessionId)), ENDED_SESSIONS);
    }

    @Override
    public String nextId() {
        return new ObjectId().toHexString();
    }

    @Override
    public Optional<Account> byEmail(String email) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("email").is(email)), AccountDocument.class))
                .map(AccountDocument::toAccount);
    }

    @Override
    public Optional<Account> byId(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(id, AccountDocument.class)).map(AccountDocument::toAccount);
    }

    @Override
    public void add(Account account, UserCreated event) {
        try {
            outbox.insert(AccountDocument.from(account), envelopes.wrap(event));
        } catch (DuplicateKeyException e) {
            throw new EmailInUse();
        }
    }

    @Override
    public void update(Account account, UserUpdated event) {
        AccountDocument doc = mongo.findById(account.id(), AccountDocument.class);
        if (doc == null || doc.version() == null || doc.version() != account.version() - 1) {
            throw new ConcurrentModification();
        }
        doc.passwordHash(account.passwordHash());
        OutgoingEvent owed = envelopes.wrap(event);
        doc.owe(owed);
        try {
            mongo.save(doc);
        } catch (OptimisticLockingFailureException e) {
            throw new ConcurrentModification();
        }
        outbox.flush(AccountDocument.class, doc.id(), List.of(owed));
    }
}
