package dev.ticketing.order;

import java.util.List;

/** One page of a user's orders, newest first; {@code nextCursor} is null on the last page. */
public record OrderPage(List<OrderView> orders, String nextCursor) {
}
