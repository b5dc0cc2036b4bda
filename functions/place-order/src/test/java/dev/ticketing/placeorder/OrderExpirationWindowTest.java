package dev.ticketing.placeorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.TicketCreated;
import dev.ticketing.order.OrderService;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@FunctionTest(properties = "ORDER_EXPIRATION_WINDOW=90")
class OrderExpirationWindowTest extends FunctionTestSupport {

    @Autowired
    OrderService orders;

    @Test
    void ordersExpireAfterTheConfiguredWindowInSeconds() {
        String ticket = new ObjectId().toHexString();
        orders.syncTicket(new TicketCreated(ticket, 0, "concert", BigDecimal.TEN, new ObjectId().toHexString()));
        Instant before = Instant.now();

        OrderView order = orders.place(new PlaceOrder(new ObjectId().toHexString(), ticket));

        assertThat(order.expiresAt()).isBetween(before.plus(Duration.ofSeconds(90)).minusSeconds(1),
                Instant.now().plus(Duration.ofSeconds(90)).plusSeconds(1));
    }
}
