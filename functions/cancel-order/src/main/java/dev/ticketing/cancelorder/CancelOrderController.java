package dev.ticketing.cancelorder;

import dev.ticketing.auth.CurrentUser;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.web.Functions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /api/orders/{id}}: 204 once the order is cancelled; calls the {@code cancelOrder} function. */
@RestController
class CancelOrderController {

    private final Functions functions;

    CancelOrderController(Functions functions) {
        this.functions = functions;
    }

    @DeleteMapping("/api/orders/{id}")
    ResponseEntity<Void> cancel(CurrentUser user, @PathVariable("id") String id) {
        functions.apply("cancelOrder", new OrderRequest(user.id(), id));
        return ResponseEntity.noContent().build();
    }
}
