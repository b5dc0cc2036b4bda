package dev.ticketing.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * A ticket as the API returns it: {@code {id, title, price, userId, version}}, plus {@code orderId}
 * while reserved; {@code price} is a plain JSON number ({@code 20}, {@code 10.5}).
 */
public record TicketView(String id, String title, BigDecimal price, String userId, long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String orderId) {
}
