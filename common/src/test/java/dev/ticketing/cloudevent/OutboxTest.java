package dev.ticketing.cloudevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.testing.Databases;
import dev.ticketing.testing.EmbeddedServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * An owed event leaves the outbox only once a broker acknowledged it: against mongo-java-server (or
 * {@code MONGODB_URI}) and a real HTTP broker ingress (the JDK's server) answering what a test sets.
 */
class OutboxTest {

    static MongoClient client;
    static MongoTemplate mongo;

    HttpServer broker;
    final AtomicInteger status = new AtomicInteger(202);
    final List<String> received = new CopyOnWriteArrayList<>();
    Outbox outbox;

    /** A document that emits events. */
    @org.springframework.data.mongodb.core.mapping.Document("owing")
    static class Owing extends OutboxDocument {
        @Id
        String id;
        int n;

        @Override
        public String id() {
            return id;
        }
    }

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedServers.mongoUri());
        mongo = new MongoTemplate(client, "outbox-test");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void start() throws IOException {
        Databases.clear(mongo);
        broker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broker.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int answer = status.get();
            if (answer / 100 == 2) {
                received.add(exchange.getRequestHeaders().getFirst("ce-id"));
            }
            if (answer / 100 == 3) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        broker.start();
        URI ingress = URI.create("http://127.0.0.1:" + broker.getAddress().getPort() + "/");
        outbox = new Outbox(mongo, new HttpSinkPublisher(ingress, Duration.ofSeconds(5), null),
                OutboxCollections.of(Owing.class));
    }

    @AfterEach
    void stop() {
        broker.stop(0);
    }

    static OutgoingEvent event() {
        String id = java.util.UUID.randomUUID().toString();
        return new OutgoingEvent(id, "dev.ticketing.ticket.created", "/functions/test", "t-1", "t-1",
                "2026-11-29T12:00:00Z", "{\"id\":\"t-1\"}");
    }

    /** Writes a document owing {@code event}, as a state change does. */
    Owing owing(OutgoingEvent event) {
        Owing doc = new Owing();
        doc.id = new ObjectId().toHexString();
        doc.owe(event);
        mongo.insert(doc);
        return doc;
    }

    List<String> stillOwed(Owing doc) {
        Document stored = mongo.getCollection("owing").find(new Document("_id", new ObjectId(doc.id))).first();
        return stored.getList(Outbox.FIELD, Document.class).stream().map(d -> d.getString("_id")).toList();
    }

    static Query byId(Owing doc) {
        return Query.query(Criteria.where("_id").is(new ObjectId(doc.id)));
    }

    @Test
    void aChangeWrittenWithTheEventItOwesIsPublishedAndLeavesTheOutbox() {
        Owing doc = new Owing();
        doc.id = new ObjectId().toHexString();
        OutgoingEvent created = event();
        OutgoingEvent changed = event();

        outbox.insert(doc, created);
        assertThat(outbox.update(Owing.class, doc.id, byId(doc), new Update().set("n", 1), changed)).isTrue();

        assertThat(received).containsExactly(created.id(), changed.id());
        assertThat(stillOwed(doc)).isEmpty();
        assertThat(mongo.findById(doc.id, Owing.class).n).isEqualTo(1);
    }

    @Test
    void anUpdateThatMatchesNoDocumentWritesAndPublishesNothing() {
        Owing doc = owing(event());
        received.clear();
        Query stale = Query.query(Criteria.where("_id").is(new ObjectId(doc.id)).and("n").is(7));

        assertThat(outbox.update(Owing.class, doc.id, stale, new Update().set("n", 8), event())).isFalse();

        assertThat(received).isEmpty();
        assertThat(mongo.findById(doc.id, Owing.class).n).isZero();
        assertThat(stillOwed(doc)).hasSize(1);
    }

    @Test
    void aPublishedEventLeavesTheOutbox() {
        OutgoingEvent event = event();
        Owing doc = owing(event);

        assertThat(outbox.flush(Owing.class, doc.id, List.of(event))).isTrue();

        assertThat(received).containsExactly(event.id());
        assertThat(stillOwed(doc)).isEmpty();
    }

    @ParameterizedTest(name = "broker answers {0}")
    @ValueSource(ints = {301, 400, 404, 503})
    void anEventTheBrokerAnswersWithoutA2xxStaysOwed(int answer) {
        status.set(answer);
        OutgoingEvent event = event();
        Owing doc = owing(event);

        assertThat(outbox.flush(Owing.class, doc.id, List.of(event))).isFalse();

        assertThat(stillOwed(doc)).containsExactly(event.id());
        assertThat(received).isEmpty();
    }

    @Test
    void aRelayTickWhileTheBrokerKeepsRefusingLeavesEveryEventOwedAndTheNextOneRelaysThem() {
        status.set(503);
        OutgoingEvent first = event();
        OutgoingEvent second = event();
        Owing doc = owing(first);
        outbox.flush(Owing.class, doc.id, List.of(first));
        assertThat(outbox.update(Owing.class, doc.id, byId(doc), new Update(), second)).isTrue();

        assertThatThrownBy(outbox::relayPending).isInstanceOf(PublishFailed.class);
        assertThatThrownBy(outbox::relayPending).isInstanceOf(PublishFailed.class);

        assertThat(stillOwed(doc)).containsExactly(first.id(), second.id());
        status.set(202);
        assertThat(outbox.relayPending()).isEqualTo(2);
        assertThat(received).containsExactly(first.id(), second.id());
        assertThat(stillOwed(doc)).isEmpty();
    }

    @Test
    void withoutASinkAnEventStaysOwedAndIsRelayedOnceTheFunctionHasOne() {
        Outbox noSink = new Outbox(mongo, new DiscardingPublisher(), OutboxCollections.of(Owing.class));
        OutgoingEvent event = event();
        Owing doc = owing(event);

        assertThat(noSink.flush(Owing.class, doc.id, List.of(event))).isFalse();
        assertThatThrownBy(noSink::relayPending).isInstanceOf(PublishFailed.class);
        assertThat(stillOwed(doc)).containsExactly(event.id());

        // the next revision, started with K_SINK, relays what the first one owed
        assertThat(outbox.relayPending()).isEqualTo(1);
        assertThat(received).containsExactly(event.id());
        assertThat(stillOwed(doc)).isEmpty();
    }
}
