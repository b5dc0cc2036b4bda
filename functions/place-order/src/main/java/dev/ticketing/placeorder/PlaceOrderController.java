package dev.ticketing.placeorder;

import dev.ticketing.auth.CurrentUser;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders {ticketId}}: 201 with the order; calls the {@code placeOrder} function. */
@RestController
class PlaceOrderController {

    private final Function<PlaceOrder, OrderView> placeOrder;

    PlaceOrderController(@Qualifier("placeOrder") Function<PlaceOrder, OrderView> placeOrder) {
        this.placeOrder = placeOrder;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderView> place(CurrentUser user, @RequestBody PlaceOrderForm form) {
        OrderView order = placeOrder.apply(new PlaceOrder(user.id(), form.ticketId()));
        return ResponseEntity.status(HttpStatus.CREATED).body(order);
    }

    record PlaceOrderForm(String ticketId) {
    }
}
