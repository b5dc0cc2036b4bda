package dev.ticketing.order.expiry;

import java.time.Instant;
import java.util.List;

/**
 * The orders store seen by the expiry sweep: orders still {@code created} whose {@code expiresAt} is
 * before a cut-off, whether or not the expiry queue ever heard of them. Answered from an index, so a
 * sweep costs a bounded range read however many orders the store holds. Throws
 * {@link dev.ticketing.domain.Unavailable} when the store cannot be reached.
 */
@FunctionalInterface
public interface OverdueOrders {

    /** No sweep: expiry relies on the queue alone. */
    OverdueOrders NONE = (before, after, limit) -> List.of();

    /**
     * Up to {@code limit} orders still {@code created} with {@code expiresAt} before {@code before},
     * ordered by ({@code expiresAt}, id), starting after {@code after} (null: from the first).
     */
    List<Overdue> overdue(Instant before, Overdue after, int limit);

    /** An overdue order: its id and when it expired (also the position of the next page). */
    record Overdue(String orderId, Instant expiresAt) {
    }
}
