package dev.ticketing.order;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of a user's orders ends: the last order's placement time and id (ties broken by id).
 * Its text form {@code <epoch millis>_<order id>} is what {@code GET /api/orders?cursor=} takes.
 */
public record OrderCursor(Instant placedAt, String orderId) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,15})_([0-9a-fA-F]{24})");

    public static OrderCursor after(Order order) {
        return new OrderCursor(order.placedAt(), order.id());
    }

    /** Parses the text form; empty when it is malformed. */
    public static Optional<OrderCursor> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new OrderCursor(Instant.ofEpochMilli(Long.parseLong(m.group(1))), m.group(2).toLowerCase()));
    }

    public String text() {
        return placedAt.toEpochMilli() + "_" + orderId;
    }
}
