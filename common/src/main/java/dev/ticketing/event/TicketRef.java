package dev.ticketing.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** The ticket an order event names; {@code price} only on {@code order.created}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketRef(String id, BigDecimal price) {

    public static TicketRef of(String id) {
        return new TicketRef(id, null);
    }
}
