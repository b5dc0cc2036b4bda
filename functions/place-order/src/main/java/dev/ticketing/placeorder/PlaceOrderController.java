package dev.ticketing.placeorder;

import dev.ticketing.auth.CurrentUser;
import dev.ticketing.order.OrderView;
import dev.ticketing.order.PlaceOrder;
import dev.ticketing.web.Functions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders {ticketId}}: 201 with the order; calls the {@code placeOrder} function. */
@RestController
class PlaceOrderController {

    private final Functions functions;

    PlaceOrderController(Functions functions) {
        this.functions = functions;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderView> place(CurrentUser user, @RequestBody PlaceOrderForm form) {
        OrderView order = functions.apply("placeOrder", new PlaceOrder(user.id(), form.ticketId()));
        return ResponseEntity.status(HttpStatus.CREATED).body(order);
    }

    record PlaceOrderForm(String ticketId) {
    }
}
