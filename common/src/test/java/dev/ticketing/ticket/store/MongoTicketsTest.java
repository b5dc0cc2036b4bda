package dev.ticketing.ticket.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ticketing.cloudevent.OutgoingEvent;
import dev.ticketing.domain.ConcurrentModification;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.ticket.Price;
import dev.ticketing.ticket.Ticket;
import dev.ticketing.testing.EmbeddedServers;
import dev.ticketing.ticket.TicketCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoTicketsTest {

    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    TicketStoreFixture fixture;
    MongoTickets tickets;

    @BeforeEach
    void setUp() {
        fixture = new TicketStoreFixture();
        tickets = fixture.tickets;
    }

    Ticket add(String title, Instant createdAt) {
        Ticket ticket = new Ticket(tickets.nextId(), title, new Price(2000), "owner", null, 0, createdAt, Set.of());
        tickets.add(ticket, ticket.created());
        return ticket;
    }

    static Ticket next(Ticket t, String title, String orderId, Set<String> ended) {
        return new Ticket(t.id(), title, t.price(), t.userId(), orderId, t.version() + 1, t.createdAt(), ended);
    }

    static TicketUpdated updated(Ticket t) {
        return t.updated().orElseThrow();
    }

    @Test
    void aReadOfAnUnreachableDatabaseIsAResourceFailureNotARawDriverError() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + EmbeddedServers.freePort()
                + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")) {
            MongoTickets down = new MongoTickets(new MongoTemplate(client, "tickets-down"), null, null);

            assertThatThrownBy(() -> down.view(tickets.nextId())).isInstanceOf(DataAccessResourceFailureException.class);
        }
    }

    @Test
    void storesANewTicketWithPriceInCentsAndPublishesTicketCreated() {
        Ticket ticket = add("concert", T0);

        Document stored = fixture.stored(ticket.id());
        assertThat(stored.get("priceCents")).isEqualTo(2000L);
        assertThat(stored.get("version")).isEqualTo(0L);
        assertThat(stored.get("title")).isEqualTo("concert");
        assertThat(stored.containsKey("orderId")).isFalse();
        assertThat(stored.getList("outbox", Object.class)).isEmpty();
        assertThat(tickets.byId(ticket.id())).contains(ticket);
        OutgoingEvent event = fixture.broker.published().getFirst();
        assertThat(event.type()).isEqualTo(TicketCreated.TYPE);
        assertThat(event.subject()).isEqualTo(ticket.id());
        assertThat(event.partitionKey()).isEqualTo(ticket.id());
        assertThat(event.source()).isEqualTo(TicketStoreFixture.SOURCE);
        assertThat(event.data()).isEqualTo("{\"id\":\"" + ticket.id()
                + "\",\"version\":0,\"title\":\"concert\",\"price\":20,\"userId\":\"owner\"}");
    }

    @Test
    void findsNothingForUnknownOrMalformedIds() {
        assertThat(tickets.byId(tickets.nextId())).isEmpty();
        assertThat(tickets.byId("not-an-id")).isEmpty();
        assertThat(tickets.byId("")).isEmpty();
        assertThat(tickets.byId(null)).isEmpty();
    }

    @Test
    void incrementsTheVersionOnEverySave() {
        Ticket v0 = add("concert", T0);
        Ticket v1 = next(v0, "opera", null, Set.of());
        tickets.save(v1, updated(v1));
        Ticket v2 = next(tickets.byId(v0.id()).orElseThrow(), "ballet", null, Set.of());
        tickets.save(v2, updated(v2));

        assertThat(fixture.stored(v0.id()).get("version")).isEqualTo(2L);
        assertThat(tickets.byId(v0.id()).orElseThrow().title()).isEqualTo("ballet");
        assertThat(fixture.broker.ofType(TicketUpdated.TYPE)).extracting(OutgoingEvent::data)
                .anySatisfy(d -> assertThat(d).contains("\"version\":1"))
                .anySatisfy(d -> assertThat(d).contains("\"version\":2"));
    }

    @Test
    void aStaleConcurrentSaveFails() {
        Ticket ticket = add("concert", T0);
        Ticket first = tickets.byId(ticket.id()).orElseThrow();
        Ticket second = tickets.byId(ticket.id()).orElseThrow();
        Ticket firstChange = next(first, "first", null, Set.of());
        Ticket secondChange = next(second, "second", null, Set.of());

        tickets.save(firstChange, updated(firstChange));

        assertThatThrownBy(() -> tickets.save(secondChange, updated(secondChange)))
                .isInstanceOf(ConcurrentModification.class);
        assertThat(tickets.byId(ticket.id()).orElseThrow().title()).isEqualTo("first");
        assertThat(fixture.stored(ticket.id()).getList("outbox", Object.class)).isEmpty();
        assertThat(fixture.broker.ofType(TicketUpdated.TYPE)).hasSize(1);
    }

    @Test
    void reservesAndReleasesWithOrderIdAbsentWhileFree() {
        Ticket ticket = add("concert", T0);
        Ticket reserved = next(ticket, "concert", "order-1", Set.of());
        tickets.save(reserved, updated(reserved));
        assertThat(fixture.stored(ticket.id()).get("orderId")).isEqualTo("order-1");

        Ticket released = next(reserved, "concert", null, Set.of("order-1"));
        tickets.save(released, updated(released));

        Document stored = fixture.stored(ticket.id());
        assertThat(stored.containsKey("orderId")).isFalse();
        assertThat(stored.getList("endedOrderIds", String.class)).containsExactly("order-1");
        assertThat(tickets.byId(ticket.id())).contains(released);
    }

    @Test
    void neverReservesForAnOrderRecordedAsEndedInBetween() {
        Ticket ticket = add("concert", T0);
        tickets.recordEndedOrder(ticket, "order-1");
        Ticket reserved = next(ticket, "concert", "order-1", Set.of());

        assertThatThrownBy(() -> tickets.save(reserved, updated(reserved))).isInstanceOf(ConcurrentModification.class);
        assertThat(tickets.byId(ticket.id()).orElseThrow().reserved()).isFalse();
    }

    @Test
    void recordsAnEndedOrderWithoutANewVersionOrEventAndKeepsEarlierOnes() {
        Ticket ticket = add("concert", T0);
        int published = fixture.broker.published().size();

        tickets.recordEndedOrder(ticket, "order-1");
        tickets.recordEndedOrder(ticket, "order-2");
        Ticket released = next(ticket, "concert", null, Set.of("order-3"));
        tickets.save(released, updated(released));

        Ticket stored = tickets.byId(ticket.id()).orElseThrow();
        assertThat(stored.endedOrderIds()).containsExactlyInAnyOrder("order-1", "order-2", "order-3");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(fixture.broker.published()).hasSize(published + 1);
    }

    @Test
    void refusesToRecordAnEndedOrderOnAChangedTicket() {
        Ticket ticket = add("concert", T0);
        Ticket changed = next(ticket, "opera", null, Set.of());
        tickets.save(changed, updated(changed));

        assertThatThrownBy(() -> tickets.recordEndedOrder(ticket, "order-1"))
                .isInstanceOf(ConcurrentModification.class);
    }

    @Test
    void republishesTheCurrentStateWithoutChangingIt() {
        Ticket ticket = add("concert", T0);
        Ticket reserved = next(ticket, "concert", "order-1", Set.of());
        tickets.save(reserved, updated(reserved));

        tickets.republish(reserved, updated(reserved));

        List<OutgoingEvent> events = fixture.broker.ofType(TicketUpdated.TYPE);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).data()).isEqualTo(events.get(0).data());
        assertThat(events.get(1).id()).isNotEqualTo(events.get(0).id());
        assertThat(tickets.byId(ticket.id())).contains(reserved);
        assertThatThrownBy(() -> tickets.republish(ticket, updated(reserved)))
                .isInstanceOf(ConcurrentModification.class);
    }

    @Test
    void keepsAnEventOwedWhenTheBrokerRefusesIt() {
        fixture.broker.failNext(1);
        Ticket ticket = add("concert", T0);

        assertThat(fixture.broker.published()).isEmpty();
        List<Document> owed = fixture.stored(ticket.id()).getList("outbox", Document.class);
        assertThat(owed).hasSize(1);
        assertThat(owed.getFirst().getString("type")).isEqualTo(TicketCreated.TYPE);
    }

    @Test
    void listsFreeTicketsNewestFirst() {
        Ticket old = add("old", T0);
        Ticket middle = add("middle", T0.plusSeconds(1));
        Ticket newest = add("newest", T0.plusSeconds(2));
        Ticket reserved = next(middle, "middle", "order-1", Set.of());
        tickets.save(reserved, updated(reserved));

        assertThat(tickets.available(10, null)).extracting(Ticket::id).containsExactly(newest.id(), old.id());
    }

    @Test
    void pagesThroughTheCatalogueWithCursorsEvenWhenTicketsShareTheirListingTime() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(add("ticket " + i, T0.plusMillis(i / 3)).id());
        }

        List<String> seen = new ArrayList<>();
        TicketCursor cursor = null;
        for (int page = 0; page < 10; page++) {
            List<Ticket> found = tickets.available(3, cursor);
            found.forEach(t -> seen.add(t.id()));
            if (found.size() < 3) {
                break;
            }
            cursor = TicketCursor.after(found.getLast());
        }

        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        List<Ticket> all = seen.stream().map(id -> tickets.byId(id).orElseThrow()).toList();
        for (int i = 1; i < all.size(); i++) {
            Ticket before = all.get(i - 1);
            Ticket after = all.get(i);
            assertThat(before.createdAt().isAfter(after.createdAt())
                    || before.createdAt().equals(after.createdAt()) && before.id().compareTo(after.id()) > 0)
                    .as("newest first, ties by id").isTrue();
        }
    }

    @Test
    void createsItsIndexesIdempotently() {
        tickets.ensureIndexes();
        tickets.ensureIndexes();
        assertThat(fixture.mongo.indexOps(TicketDocument.class).getIndexInfo())
                .anySatisfy(i -> assertThat(i.getName()).isEqualTo("catalogue"));
    }
}
