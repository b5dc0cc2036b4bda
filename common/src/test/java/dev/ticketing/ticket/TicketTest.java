package dev.ticketing.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.TicketCreated;
import dev.ticketing.event.TicketUpdated;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketTest {

    static final Instant LISTED = Instant.parse("2025-01-01T10:00:00Z");

    static Ticket listed() {
        return Ticket.listed("aaaaaaaaaaaaaaaaaaaaaaaa", new TicketDetails("concert", "20").validated(), "owner",
                LISTED);
    }

    @Test
    void aListedTicketIsFreeAtVersionZeroAndAnnouncedAsCreated() {
        Ticket ticket = listed();

        assertThat(ticket.version()).isZero();
        assertThat(ticket.reserved()).isFalse();
        assertThat(ticket.created()).isEqualTo(
                new TicketCreated("aaaaaaaaaaaaaaaaaaaaaaaa", 0, "concert", new BigDecimal("20"), "owner"));
        assertThat(ticket.updated()).isEmpty();
    }

    @Test
    void editingChangesTitleAndPriceAndCountsAVersion() {
        Ticket edited = listed().edited(new TicketDetails("opera", "10.5").validated());

        assertThat(edited.version()).isEqualTo(1);
        assertThat(edited.view()).isEqualTo(
                new TicketView("aaaaaaaaaaaaaaaaaaaaaaaa", "opera", new BigDecimal("10.5"), "owner", 1, null));
        assertThat(edited.updated()).contains(
                new TicketUpdated("aaaaaaaaaaaaaaaaaaaaaaaa", 1, "opera", new BigDecimal("10.5"), "owner", null));
        assertThat(edited.createdAt()).isEqualTo(LISTED);
    }

    @Test
    void aReservationNamesItsOrderAndCountsAVersion() {
        Ticket reserved = listed().reservedBy("order-1");

        assertThat(reserved.reserved()).isTrue();
        assertThat(reserved.version()).isEqualTo(1);
        assertThat(reserved.view().orderId()).isEqualTo("order-1");
        assertThat(reserved.updated().orElseThrow().orderId()).isEqualTo("order-1");
    }

    @Test
    void aReleaseFreesTheTicketAndRemembersTheOrderAsEnded() {
        Ticket released = listed().reservedBy("order-1").released();

        assertThat(released.reserved()).isFalse();
        assertThat(released.version()).isEqualTo(2);
        assertThat(released.hasEnded("order-1")).isTrue();
        assertThat(released.hasEnded("order-2")).isFalse();
        assertThat(released.updated().orElseThrow().orderId()).isNull();
    }

    @Test
    void onlyTheListingUserOwnsTheTicket() {
        assertThat(listed().ownedBy("owner")).isTrue();
        assertThat(listed().ownedBy("someone-else")).isFalse();
        assertThat(listed().ownedBy(null)).isFalse();
    }
}
