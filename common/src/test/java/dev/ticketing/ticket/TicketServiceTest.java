package dev.ticketing.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.cloudevent.OutgoingEvent;
import dev.ticketing.domain.DomainException;
import dev.ticketing.domain.NotAuthorized;
import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.ticket.store.TicketStoreFixture;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ticket use cases against the real MongoDB adapter (embedded server), without Spring Boot. */
class TicketServiceTest {

    static final String OWNER = "owner-id";
    static final Instant NOW = Instant.parse("2025-05-05T12:00:00.123456Z");

    TicketStoreFixture fixture;
    TicketService service;
    TicketCatalog catalog;

    @BeforeEach
    void setUp() {
        fixture = new TicketStoreFixture();
        service = new TicketService(fixture.tickets, Clock.fixed(NOW, ZoneOffset.UTC));
        catalog = new TicketCatalog(fixture.tickets);
    }

    TicketView create(String title, String price) {
        return service.create(new NewTicket(OWNER, new TicketDetails(title, price)));
    }

    TicketView edit(String id, String user, String title, String price) {
        return service.update(new TicketEdit(id, user, new TicketDetails(title, price)));
    }

    List<String> updatedEvents() {
        return fixture.broker.ofType(TicketUpdated.TYPE).stream().map(OutgoingEvent::data).toList();
    }

    Ticket stored(String id) {
        return fixture.tickets.byId(id).orElseThrow();
    }

    @Test
    void createsATicketAtVersionZeroAndPublishesTicketCreated() {
        TicketView ticket = create("concert", "20");

        assertThat(ticket).isEqualTo(new TicketView(ticket.id(), "concert", new BigDecimal("20"), OWNER, 0, null));
        assertThat(stored(ticket.id()).createdAt()).isEqualTo(Instant.parse("2025-05-05T12:00:00.123Z"));
        assertThat(fixture.broker.ofType(TicketCreated.TYPE)).singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo(ticket.id()));
    }

    @Test
    void createsNothingForInvalidDetailsOrWithoutAUser() {
        assertThatThrownBy(() -> create("", "10")).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> create("concert", "-10")).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> service.create(new NewTicket(null, new TicketDetails("concert", "10"))))
                .isInstanceOf(NotAuthorized.class);
        assertThat(fixture.tickets.available(10, null)).isEmpty();
        assertThat(fixture.broker.published()).isEmpty();
    }

    @Test
    void editsTitleAndPriceAndCountsVersionsFromZeroToTwo() {
        TicketView ticket = create("concert", "20");

        TicketView first = edit(ticket.id(), OWNER, "opera", "10.5");
        TicketView second = edit(ticket.id(), OWNER, "ballet", "15");

        assertThat(first.version()).isEqualTo(1);
        assertThat(second).isEqualTo(new TicketView(ticket.id(), "ballet", new BigDecimal("15"), OWNER, 2, null));
        assertThat(catalog.show(ticket.id())).isEqualTo(second);
        assertThat(updatedEvents()).hasSize(2);
    }

    @Test
    void checksAnEditForValidationThenExistenceThenOwnershipThenReservation() {
        TicketView ticket = create("concert", "20");
        service.reserve(ticket.id(), "order-1");

        // validation before existence, existence before ownership, ownership before reservation
        assertThatThrownBy(() -> edit(fixture.tickets.nextId(), "someone-else", "", "10"))
                .isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> edit(fixture.tickets.nextId(), "someone-else", "opera", "10"))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> edit("malformed", OWNER, "opera", "10")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> edit(ticket.id(), "someone-else", "opera", "10")).isInstanceOf(NotAuthorized.class);
        assertThatThrownBy(() -> edit(ticket.id(), OWNER, "opera", "10"))
                .isInstanceOf(ReservedTicketNotEditable.class).hasMessage("Cannot edit a reserved ticket")
                .extracting(e -> ((DomainException) e).kind()).isEqualTo(DomainException.Kind.REJECTED);
        assertThatThrownBy(() -> edit(ticket.id(), null, "", "10")).isInstanceOf(NotAuthorized.class);

        TicketView free = create("free", "20");
        assertThatThrownBy(() -> edit(free.id(), "someone-else", "opera", "10")).isInstanceOf(NotAuthorized.class);
        assertThat(stored(free.id()).title()).isEqualTo("free");
    }

    @Test
    void reservesATicketForAnOrder() {
        TicketView ticket = create("concert", "20");

        assertThat(service.reserve(ticket.id(), "order-1")).isEqualTo(Delivery.APPLIED);

        assertThat(catalog.show(ticket.id()).orderId()).isEqualTo("order-1");
        assertThat(catalog.show(ticket.id()).version()).isEqualTo(1);
        assertThat(updatedEvents()).singleElement().satisfies(d -> assertThat(d).contains("\"orderId\":\"order-1\""));
        assertThat(catalog.list(TicketQuery.firstPage()).tickets()).isEmpty();
    }

    @Test
    void aRepeatedOrderCreatedChangesTheTicketOnceAndYieldsItsEventAgain() {
        TicketView ticket = create("concert", "20");
        service.reserve(ticket.id(), "order-1");

        assertThat(service.reserve(ticket.id(), "order-1")).isEqualTo(Delivery.DUPLICATE);

        assertThat(stored(ticket.id()).version()).isEqualTo(1);
        assertThat(updatedEvents()).hasSize(2).allSatisfy(d -> assertThat(d).contains("\"version\":1")
                .contains("\"orderId\":\"order-1\""));
    }

    @Test
    void aReservationWaitsWhileAnotherOrderStillHoldsTheTicket() {
        TicketView ticket = create("concert", "20");
        service.reserve(ticket.id(), "order-1");

        assertThat(service.reserve(ticket.id(), "order-2")).isEqualTo(Delivery.EARLY);

        assertThat(stored(ticket.id()).orderId()).isEqualTo("order-1");
        assertThat(service.release(ticket.id(), "order-1")).isEqualTo(Delivery.APPLIED);
        assertThat(service.reserve(ticket.id(), "order-2")).isEqualTo(Delivery.APPLIED);
        assertThat(stored(ticket.id()).orderId()).isEqualTo("order-2");
        assertThat(stored(ticket.id()).version()).isEqualTo(3);
    }

    @Test
    void releasesTheTicketWhenItsOrderEnds() {
        TicketView ticket = create("concert", "20");
        service.reserve(ticket.id(), "order-1");

        assertThat(service.release(ticket.id(), "order-1")).isEqualTo(Delivery.APPLIED);

        TicketView released = catalog.show(ticket.id());
        assertThat(released.orderId()).isNull();
        assertThat(released.version()).isEqualTo(2);
        assertThat(updatedEvents().getLast()).contains("\"version\":2").contains("\"orderId\":null");
        assertThat(catalog.list(TicketQuery.firstPage()).tickets()).containsExactly(released);
    }

    @Test
    void aLateEndOfAnOlderOrderNeverReleasesANewerReservation() {
        TicketView ticket = create("concert", "20");
        service.reserve(ticket.id(), "order-1");
        service.release(ticket.id(), "order-1"); // order-1 expired
        service.reserve(ticket.id(), "order-2");
        int events = updatedEvents().size();

        // order-1's cancellation arrives late: the ticket stays with order-2
        assertThat(service.release(ticket.id(), "order-1")).isEqualTo(Delivery.DUPLICATE);

        assertThat(stored(ticket.id()).orderId()).isEqualTo("order-2");
        assertThat(stored(ticket.id()).version()).isEqualTo(3);
        assertThat(updatedEvents()).hasSize(events + 1);
        assertThat(updatedEvents().getLast()).contains("\"version\":3").contains("\"orderId\":\"order-2\"");
    }

    @Test
    void anEndOfAnOrderTheTicketNeverSawReleasesNothing() {
        TicketView ticket = create("concert", "20");
        service.reserve(ticket.id(), "order-2");

        assertThat(service.release(ticket.id(), "order-1")).isEqualTo(Delivery.STALE);

        assertThat(stored(ticket.id()).orderId()).isEqualTo("order-2");
        assertThat(stored(ticket.id()).version()).isEqualTo(1);
        assertThat(updatedEvents()).hasSize(1);
    }

    @Test
    void anEndThatOvertookItsOrdersCreationMakesTheCreationStale() {
        TicketView ticket = create("concert", "20");

        assertThat(service.release(ticket.id(), "order-1")).isEqualTo(Delivery.STALE);
        assertThat(service.reserve(ticket.id(), "order-1")).isEqualTo(Delivery.STALE);
        assertThat(service.release(ticket.id(), "order-1")).isEqualTo(Delivery.STALE);

        assertThat(stored(ticket.id()).reserved()).isFalse();
        assertThat(stored(ticket.id()).version()).isZero();
        assertThat(updatedEvents()).isEmpty();
    }

    @Test
    void aRepeatedReleaseChangesNothingAndYieldsTheEventAgain() {
        TicketView ticket = create("concert", "20");
        service.reserve(ticket.id(), "order-1");
        service.release(ticket.id(), "order-1");

        assertThat(service.release(ticket.id(), "order-1")).isEqualTo(Delivery.DUPLICATE);
        assertThat(service.reserve(ticket.id(), "order-1")).isEqualTo(Delivery.STALE);

        assertThat(stored(ticket.id()).version()).isEqualTo(2);
        assertThat(stored(ticket.id()).reserved()).isFalse();
        assertThat(updatedEvents()).hasSize(3);
        assertThat(updatedEvents().getLast()).isEqualTo(updatedEvents().get(1));
    }

    @Test
    void refusesEventsAboutUnknownTicketsOrWithoutIds() {
        assertThatThrownBy(() -> service.reserve(fixture.tickets.nextId(), "order-1")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.release("malformed", "order-1")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.reserve(null, "order-1")).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> service.release(fixture.tickets.nextId(), " ")).isInstanceOf(ValidationFailed.class);
    }

    @Test
    void showsNothingForUnknownOrMalformedIds() {
        assertThatThrownBy(() -> catalog.show(fixture.tickets.nextId())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> catalog.show("../etc")).isInstanceOf(NotFound.class);
    }

    @Test
    void pagesThroughFreeTicketsNewestFirst() {
        Clock[] clocks = new Clock[5];
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < clocks.length; i++) {
            TicketService at = new TicketService(fixture.tickets, Clock.fixed(NOW.plusSeconds(i), ZoneOffset.UTC));
            ids.add(at.create(new NewTicket(OWNER, new TicketDetails("ticket " + i, "10"))).id());
        }
        service.reserve(ids.get(3), "order-1");

        TicketPage first = catalog.list(new TicketQuery("2", null));
        TicketPage second = catalog.list(new TicketQuery("2", first.nextCursor()));

        assertThat(first.tickets()).extracting(TicketView::id).containsExactly(ids.get(4), ids.get(2));
        assertThat(first.nextCursor()).isNotNull();
        assertThat(second.tickets()).extracting(TicketView::id).containsExactly(ids.get(1), ids.get(0));
        assertThat(second.nextCursor()).isNull();
        assertThat(catalog.list(TicketQuery.firstPage()).tickets()).hasSize(4);
    }
}
