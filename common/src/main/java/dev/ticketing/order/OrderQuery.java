package dev.ticketing.order;

/**
 * A signed-in user asking for its orders ({@code GET /api/orders?limit=&cursor=}): {@code limit} and
 * {@code cursor} as the query string gave them (null when absent).
 */
public record OrderQuery(String userId, String limit, String cursor) {
}
