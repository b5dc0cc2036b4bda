package dev.ticketing.browseorders;

import dev.ticketing.auth.CurrentUser;
import dev.ticketing.order.OrderPage;
import dev.ticketing.order.OrderQuery;
import dev.ticketing.order.OrderRequest;
import dev.ticketing.order.OrderView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders} (a plain JSON array, as the original web client expects; the next page is
 * named by the {@code Next-Cursor} and {@code Link: <...>; rel="next"} headers) and
 * {@code GET /api/orders/{id}}. Calls the {@code listOrders} and {@code showOrder} function beans.
 */
@RestController
class BrowseOrdersController {

    static final String NEXT_CURSOR = "Next-Cursor";

    private final Function<OrderQuery, OrderPage> listOrders;
    private final Function<OrderRequest, OrderView> showOrder;

    BrowseOrdersController(@Qualifier("listOrders") Function<OrderQuery, OrderPage> listOrders, @Qualifier("showOrder") Function<OrderRequest, OrderView> showOrder) {
        this.listOrders = listOrders;
        this.showOrder = showOrder;
    }

    @GetMapping("/api/orders")
    ResponseEntity<List<OrderView>> list(CurrentUser user, @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        OrderPage page = listOrders.apply(new OrderQuery(user.id(), limit, cursor));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.nextCursor() != null) {
            String next = "/api/orders?" + (limit == null ? "" : "limit=" + encode(limit) + "&") + "cursor="
                    + encode(page.nextCursor());
            response.header(NEXT_CURSOR, page.nextCursor()).header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(page.orders());
    }

    @GetMapping("/api/orders/{id}")
    OrderView show(CurrentUser user, @PathVariable("id") String id) {
        return showOrder.apply(new OrderRequest(user.id(), id));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
