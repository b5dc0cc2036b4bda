package dev.ticketing.cancelorder;

import dev.ticketing.auth.CurrentUser;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderView;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /api/orders/{id}}: 204 once the order is cancelled; calls the {@code cancelOrder} function. */
@RestController
class CancelOrderController {

    private final Function<OrderRequest, OrderView> cancelOrder;

    CancelOrderController(@Qualifier("cancelOrder") Function<OrderRequest, OrderView> cancelOrder) {
        this.cancelOrder = cancelOrder;
    }

    @DeleteMapping("/api/orders/{id}")
    ResponseEntity<Void> cancel(CurrentUser user, @PathVariable("id") String id) {
        cancelOrder.apply(new OrderRequest(user.id(), id));
        return ResponseEntity.noContent().build();
    }
}
