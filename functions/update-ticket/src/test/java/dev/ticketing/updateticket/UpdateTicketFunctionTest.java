package dev.ticketing.updateticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderEnded;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketRef;
import dev.ticketing.event.TicketUpdated;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.ticket.NewTicket;
import dev.ticketing.ticket.TicketDetails;
import dev.ticketing.ticket.TicketEdit;
import dev.ticketing.ticket.TicketService;
import dev.ticketing.ticket.TicketView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.messaging.Message;

/** The function beans of update-ticket, called directly with the messages the CloudEvent endpoint builds. */
@FunctionTest
class UpdateTicketFunctionTest extends FunctionTestSupport {

    static final String OWNER = "5f1e2d3c4b5a69788796a5b4";

    @Autowired
    @Qualifier("reserveTicket")
    Function<Message<OrderCreated>, Delivery> reserveTicket;
    @Autowired
    @Qualifier("releaseTicket")
    Function<Message<OrderEnded>, Delivery> releaseTicket;
    @Autowired
    @Qualifier("updateTicket")
    Function<TicketEdit, TicketView> updateTicket;
    @Autowired
    TicketService tickets;

    String ticketId;

    @BeforeEach
    void setUp() {
        ticketId = tickets.create(new NewTicket(OWNER, new TicketDetails("concert", "20"))).id();
        sink.clear();
    }

    static <T> Message<T> event(T data, String type) {
        return CloudEventMessageBuilder.withData(data).setId(java.util.UUID.randomUUID().toString())
                .setSource("/functions/test").setType(type).build();
    }

    Delivery reserve(String orderId, TicketRef ticket) {
        return reserveTicket.apply(event(new OrderCreated(orderId, 0, "created", "buyer",
                Instant.parse("2030-01-01T00:00:00Z"), ticket), OrderCreated.TYPE));
    }

    Delivery cancel(String orderId, TicketRef ticket) {
        return releaseTicket.apply(event(new OrderCancelled(orderId, 1, ticket), OrderCancelled.TYPE));
    }

    Delivery expire(String orderId, TicketRef ticket) {
        return releaseTicket.apply(event(new OrderExpired(orderId, 1, ticket), OrderExpired.TYPE));
    }

    @Test
    void updateTicketChangesTitleAndPrice() {
        TicketView updated = updateTicket.apply(
                new TicketEdit(ticketId, OWNER, new TicketDetails("opera", "10.5")));

        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.title()).isEqualTo("opera");
        assertThat(updated.price()).isEqualTo(new BigDecimal("10.5"));
    }

    @Test
    void reserveTicketReservesOnceAndReportsTheDuplicate() {
        String order = new ObjectId().toHexString();

        assertThat(reserve(order, new TicketRef(ticketId, new BigDecimal("20")))).isEqualTo(Delivery.APPLIED);
        assertThat(reserve(order, new TicketRef(ticketId, new BigDecimal("20")))).isEqualTo(Delivery.DUPLICATE);

        Awaitility.await().untilAsserted(() -> assertThat(sink.ofType(TicketUpdated.TYPE)).hasSize(2));
        assertThat(sink.ofType(TicketUpdated.TYPE)).allSatisfy(e -> assertThat(e.body()).contains("\"version\":1"));
    }

    @Test
    void releaseTicketConsumesBothCancellationAndExpiry() {
        String first = new ObjectId().toHexString();
        String second = new ObjectId().toHexString();
        reserve(first, TicketRef.of(ticketId));

        assertThat(cancel(first, TicketRef.of(ticketId))).isEqualTo(Delivery.APPLIED);
        assertThat(reserve(second, TicketRef.of(ticketId))).isEqualTo(Delivery.APPLIED);
        assertThat(expire(first, TicketRef.of(ticketId))).isEqualTo(Delivery.DUPLICATE);
        assertThat(expire(second, TicketRef.of(ticketId))).isEqualTo(Delivery.APPLIED);
        assertThat(expire(new ObjectId().toHexString(), TicketRef.of(ticketId))).isEqualTo(Delivery.STALE);
    }

    @Test
    void reportsAnEarlyReservation() {
        reserve(new ObjectId().toHexString(), TicketRef.of(ticketId));
        assertThat(reserve(new ObjectId().toHexString(), TicketRef.of(ticketId))).isEqualTo(Delivery.EARLY);
    }

    @Test
    void refusesEventsWithoutATicketOrForAnUnknownOne() {
        assertThatThrownBy(() -> reserve(new ObjectId().toHexString(), null)).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> cancel(new ObjectId().toHexString(), new TicketRef(null, null)))
                .isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> expire(null, TicketRef.of(ticketId))).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> reserve(new ObjectId().toHexString(), TicketRef.of(new ObjectId().toHexString())))
                .isInstanceOf(NotFound.class);
    }
}
