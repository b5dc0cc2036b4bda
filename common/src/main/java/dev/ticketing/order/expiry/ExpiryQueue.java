package dev.ticketing.order.expiry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The delayed queue of orders waiting for their expiry. An entry is <em>due</em> from its time on;
 * {@link #claim} hands due entries out under a lease that only one claimer holds at a time, and an
 * entry whose lease ran out (its claimer died) is handed out again. Every method throws
 * {@link dev.ticketing.domain.Unavailable} when the queue cannot be reached.
 */
public interface ExpiryQueue {

    /**
     * Queues {@code orderId} to be due at {@code dueAt}, unless it is already queued or claimed: a
     * repeated call neither duplicates nor moves the entry.
     *
     * @return whether the entry was added
     */
    boolean schedule(String orderId, Instant dueAt);

    /**
     * Atomically claims up to {@code limit} entries that are due at {@code now} or whose lease ran out
     * by {@code now} (those first), and leases each until {@code leaseUntil}. Two claims never return
     * the same entry while its lease runs.
     */
    default List<String> claim(Instant now, Instant leaseUntil, int limit) {
        return claim(now, leaseUntil, limit, List.of());
    }

    /**
     * {@link #complete Completes} {@code completed}, then {@link #claim(Instant, Instant, int) claims}
     * as above, in one step: a tick spends one round trip per batch.
     */
    List<String> claim(Instant now, Instant leaseUntil, int limit, Collection<String> completed);

    /** Removes claimed entries whose work is done. */
    void complete(Collection<String> orderIds);

    /** Gives claimed entries back before their lease runs out, due again at {@code dueAt}. */
    void release(Collection<String> orderIds, Instant dueAt);

    /** How many entries are queued or claimed. */
    long size();
}
