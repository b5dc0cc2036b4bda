package dev.ticketing.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderEvent;
import dev.ticketing.event.TicketRef;
import dev.ticketing.payment.ChargeReceipt;
import dev.ticketing.payment.ChargeRequest;
import dev.ticketing.testing.FunctionTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.messaging.Message;

/** The {@code charge} and {@code syncOrder} function beans, called directly. */
@FunctionTest(properties = "STRIPE_KEY=sk_test_fake")
class ChargeFunctionTest extends ChargeTestSupport {

    static final String BUYER = "5f1e2d3c4b5a69788796a5b4";

    @Autowired
    @Qualifier("syncOrder")
    Function<Message<OrderEvent>, Delivery> syncOrder;
    @Autowired
    @Qualifier("charge")
    Function<ChargeRequest, ChargeReceipt> charge;

    Delivery sync(OrderEvent event) {
        Message<OrderEvent> message = CloudEventMessageBuilder.withData(event).setId(new ObjectId().toHexString())
                .setSource("/functions/place-order").setType(event.type()).build();
        return syncOrder.apply(message);
    }

    String placeOrder() {
        String id = new ObjectId().toHexString();
        assertThat(sync(new OrderCreated(id, 0, "created", BUYER, Instant.now().plusSeconds(900),
                new TicketRef("ticket-1", new BigDecimal("15"))))).isEqualTo(Delivery.APPLIED);
        return id;
    }

    @Test
    void paysTheCallersOrderAndEmitsChargeCreated() {
        String orderId = placeOrder();

        ChargeReceipt receipt = charge.apply(new ChargeRequest(BUYER, orderId, "pm_card_visa"));

        assertThat(STRIPE.succeededPayments()).singleElement().satisfies(p -> assertThat(p.amount()).isEqualTo(1500));
        assertThat(sink.await(ChargeCreated.TYPE).subject()).isEqualTo(receipt.id());
    }

    @Test
    void refusesOtherUsersAndMissingFields() {
        String orderId = placeOrder();

        assertThatThrownBy(() -> charge.apply(new ChargeRequest("someone", orderId, "tok_visa")))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> charge.apply(new ChargeRequest(BUYER, orderId, "")))
                .isInstanceOf(ValidationFailed.class);
        assertThat(STRIPE.calls()).isEmpty();
    }

    @Test
    void syncOrderAppliesAnOrderOnceAndKnowsDuplicates() {
        OrderCreated created = new OrderCreated(new ObjectId().toHexString(), 0, "created", BUYER, null,
                new TicketRef("ticket-1", new BigDecimal("15")));

        assertThat(sync(created)).isEqualTo(Delivery.APPLIED);
        assertThat(sync(created)).isEqualTo(Delivery.DUPLICATE);
        assertThat(mongo.getCollection("orders").countDocuments()).isEqualTo(1);
    }
}
