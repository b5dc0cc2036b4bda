package dev.ticketing.ticket.store;

import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.EventPublisher;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutgoingEvent;
import dev.ticketing.cloudevent.PublishFailed;
import dev.ticketing.testing.EmbeddedServers;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link MongoTickets} on the embedded MongoDB-compatible server, without Spring Boot: events are
 * published to an in-memory broker that records them and can refuse the next ones.
 */
public final class TicketStoreFixture {

    public static final String SOURCE = "/functions/test";
    private static MongoClient client;

    public final MongoTemplate mongo;
    public final Broker broker = new Broker();
    public final MongoTickets tickets;

    public TicketStoreFixture() {
        mongo = new MongoTemplate(client(), "tickets-unit");
        Outbox outbox = new Outbox(mongo, broker, TicketDocumentTypes.outbox());
        tickets = new MongoTickets(mongo, new EventEnvelopes(JsonMapper.builder().build(), SOURCE, Clock.systemUTC()),
                outbox).ensureIndexes();
        mongo.getCollection("tickets").deleteMany(new Document());
    }

    private static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(EmbeddedServers.mongoUri());
        }
        return client;
    }

    /** The stored document of ticket {@code id}, as MongoDB holds it. */
    public Document stored(String id) {
        return mongo.getCollection("tickets").find(new Document("_id", new org.bson.types.ObjectId(id))).first();
    }

    /** An in-memory broker: records what it takes, refuses the next {@link #failNext} events. */
    public static final class Broker implements EventPublisher {

        private final List<OutgoingEvent> published = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();

        @Override
        public void publish(OutgoingEvent event) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new PublishFailed("refused by the test broker", null);
            }
            published.add(event);
        }

        @Override
        public String describe() {
            return "test broker";
        }

        public void failNext(int count) {
            failures.set(count);
        }

        public List<OutgoingEvent> published() {
            return List.copyOf(published);
        }

        public List<OutgoingEvent> ofType(String type) {
            return published.stream().filter(e -> e.type().equals(type)).toList();
        }
    }
}
