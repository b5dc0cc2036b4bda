package dev.ticketing.ticket;

import dev.ticketing.domain.Validation;

/**
 * A request for one page of the catalogue, as typed ({@code GET /api/tickets?limit=&cursor=}): both
 * optional. {@code limit} defaults to {@link #DEFAULT_LIMIT} and is capped at {@link #MAX_LIMIT};
 * {@code cursor} is the {@code Next-Cursor} of the previous page.
 */
public record TicketQuery(String limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static TicketQuery firstPage() {
        return new TicketQuery(null, null);
    }

    /** The page size asked for; throws {@code ValidationFailed} (field {@code limit}) unless a positive whole number. */
    int pageSize() {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        String digits = limit.strip();
        long parsed = !digits.matches("\\d{1,18}") ? (digits.matches("\\d+") ? Long.MAX_VALUE : 0)
                : Long.parseLong(digits);
        Validation.of().require(parsed >= 1, "limit", "Limit must be a positive whole number").orThrow();
        return (int) Math.min(parsed, MAX_LIMIT);
    }

    /** Where to start: null for the first page. */
    TicketCursor start() {
        return cursor == null || cursor.isBlank() ? null : TicketCursor.decode(cursor);
    }
}
