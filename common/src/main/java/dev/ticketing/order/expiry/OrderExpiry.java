package dev.ticketing.order.expiry;

import dev.ticketing.domain.DomainException;
import dev.ticketing.domain.Validation;
import dev.ticketing.event.Delivery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order expiry use cases. {@link #schedule} (on {@code order.created}) queues the order for its
 * {@code expiresAt}; {@link #expireDue} (on a PingSource tick) claims every due entry in leased
 * batches, expires each order still {@code created} (emitting {@code order.expired}), skips ended
 * ones, and removes the entries. An order the orders database refuses for good (any domain refusal
 * but a conflict or an outage) is skipped like an ended one. Nothing runs between ticks: the threads
 * a tick uses end with it.
 *
 * <p>The queue is the fast path, not the only one: each tick then sweeps the orders store for orders
 * still {@code created} {@link ExpirySettings#sweepAfter()} after their {@code expiresAt} and expires
 * them too. That covers every order the queue never held (its {@code order.created} was refused while
 * the queue was down until the broker gave up, or the queue lost its data) and every tick during which
 * the queue is unreachable. Expiring is version-conditional, so the sweep and a queue claim racing
 * for one order expire it once.
 */
public class OrderExpiry {

    private final ExpiryQueue queue;
    private final ExpirableOrders orders;
    private final OverdueOrders overdue;
    private final Clock clock;
    private final ExpirySettings settings;

    public OrderExpiry(ExpiryQueue queue, ExpirableOrders orders, OverdueOrders overdue, Clock clock,
            ExpirySettings settings) {
        this.queue = queue;
        this.orders = orders;
        this.overdue = overdue;
        this.clock = clock;
        this.settings = settings;
    }

    /** Without a sweep: orders the queue never held are never expired. */
    public OrderExpiry(ExpiryQueue queue, ExpirableOrders orders, Clock clock, ExpirySettings settings) {
        this(queue, orders, OverdueOrders.NONE, clock, settings);
    }

    /**
     * Queues {@code orderId} to expire at {@code expiresAt}. A redelivery changes nothing.
     *
     * @return {@link Delivery#APPLIED} when queued now, {@link Delivery#DUPLICATE} when it already was
     */
    public Delivery schedule(String orderId, Instant expiresAt) {
        Validation.of()
                .require(orderId != null && !orderId.isBlank(), "id", "Order id is required")
                .require(expiresAt != null, "expiresAt", "Expiry time is required")
                .orThrow();
        return queue.schedule(orderId, expiresAt) ? Delivery.APPLIED : Delivery.DUPLICATE;
    }

    /**
     * Works through every entry due now (and every lease that ran out), then sweeps the orders store
     * for overdue orders still {@code created}, and returns. An entry or order that changed
     * concurrently is due again at the next tick. When the queue or the orders database fails during
     * the queue's part, the entries not yet done are given back for the next tick and the sweep still
     * runs: the tick fails only when the sweep fails (or, without a sweep, when the queue's part does).
     */
    public ExpiryReport expireDue() {
        Instant now = clock.instant();
        try (ExecutorService workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("expire-order-", 0).factory())) {
            ExpiryReport queued;
            RuntimeException queueFailure = null;
            try {
                queued = fromQueue(now, workers);
            } catch (RuntimeException e) {
                if (!sweeps()) {
                    throw e;
                }
                queueFailure = e;
                queued = ExpiryReport.NOTHING;
            }
            ExpiryReport total;
            try {
                total = queued.plus(sweep(now, workers));
            } catch (RuntimeException e) {
                if (queueFailure != null && queueFailure != e) {
                    e.addSuppressed(queueFailure);
                }
                throw e;
            }
            return queueFailure == null ? total : total.failedQueue(String.valueOf(queueFailure.getMessage()));
        }
    }

    private boolean sweeps() {
        return overdue != OverdueOrders.NONE && settings.sweepLimit() > 0;
    }

    private ExpiryReport fromQueue(Instant now, ExecutorService workers) {
        ExpiryReport total = ExpiryReport.NOTHING;
        List<String> done = List.of();
        while (true) {
            Instant leaseUntil = later(now, clock.instant()).plus(settings.lease());
            // removes the previous batch's entries in the same round trip
            List<String> batch = queue.claim(now, leaseUntil, settings.batchSize(), done);
            if (batch.isEmpty()) {
                return total;
            }
            Batch result = expire(batch, now, workers);
            total = total.plus(result.report());
            done = result.done();
            if (batch.size() < settings.batchSize()) {
                queue.complete(done);
                return total;
            }
        }
    }

    /**
     * Expires the orders still {@code created} whose {@code expiresAt} is {@code sweepAfter} before
     * {@code now} or earlier, oldest first, a page of {@code batchSize} at a time, at most
     * {@code sweepLimit} per tick. An order changed concurrently is left to the next tick; an outage
     * of the orders database fails the sweep.
     */
    private ExpiryReport sweep(Instant now, ExecutorService workers) {
        if (!sweeps()) {
            return ExpiryReport.NOTHING;
        }
        Instant before = now.minus(settings.sweepAfter());
        ExpiryReport total = ExpiryReport.NOTHING;
        OverdueOrders.Overdue after = null;
        int left = settings.sweepLimit();
        while (left > 0) {
            int limit = Math.min(left, settings.batchSize());
            List<OverdueOrders.Overdue> page = overdue.overdue(before, after, limit);
            if (page.isEmpty()) {
                return total;
            }
            Object[] results = outcomes(page.stream().map(OverdueOrders.Overdue::orderId).toList(), workers);
            int expired = 0;
            int skipped = 0;
            int unknown = 0;
            int deferred = 0;
            RuntimeException failure = null;
            for (Object result : results) {
                switch (result) {
                    case ExpirableOrders.Outcome outcome -> {
                        switch (outcome) {
                            case EXPIRED -> expired++;
                            case ALREADY_ENDED -> skipped++;
                            case UNKNOWN -> unknown++;
                        }
                    }
                    case DomainException e when e.kind() == DomainException.Kind.CONFLICT -> deferred++;
                    case DomainException e when e.kind() != DomainException.Kind.UNAVAILABLE -> skipped++;
                    case RuntimeException e -> failure = failure == null ? e : failure;
                    default -> throw new IllegalStateException("Unexpected outcome " + result);
                }
            }
            if (failure != null) {
                throw failure;
            }
            total = total.plus(new ExpiryReport(0, expired, skipped, unknown, deferred, page.size(), null));
            if (page.size() < limit) {
                return total;
            }
            left -= page.size();
            after = page.getLast();
        }
        return total;
    }

    /** A batch worked through: its entries to remove, and what happened to its orders. */
    private record Batch(List<String> done, ExpiryReport report) {
    }

    private Batch expire(List<String> batch, Instant now, ExecutorService workers) {
        Object[] results = outcomes(batch, workers);
        List<String> done = new ArrayList<>(batch.size());
        List<String> retry = new ArrayList<>();
        RuntimeException failure = null;
        int expired = 0;
        int skipped = 0;
        int unknown = 0;
        int deferred = 0;
        for (int i = 0; i < batch.size(); i++) {
            String orderId = batch.get(i);
            try {
                if (results[i] instanceof RuntimeException e) {
                    throw e;
                }
                switch ((ExpirableOrders.Outcome) results[i]) {
                    case EXPIRED -> expired++;
                    case ALREADY_ENDED -> skipped++;
                    case UNKNOWN -> unknown++;
                }
                done.add(orderId);
            } catch (DomainException e) {
                switch (e.kind()) {
                    case CONFLICT -> {
                        retry.add(orderId);
                        deferred++;
                    }
                    case UNAVAILABLE -> {
                        retry.add(orderId);
                        failure = failure == null ? e : failure;
                    }
                    default -> {
                        // refused for good (e.g. an id that names no order): expiring it can never succeed
                        done.add(orderId);
                        skipped++;
                    }
                }
            } catch (RuntimeException e) {
                retry.add(orderId);
                if (failure == null) {
                    failure = e;
                }
            }
        }
        try {
            if (failure != null) {
                queue.complete(done);
            }
            if (!retry.isEmpty()) {
                // just after this tick's horizon, so this tick does not take them again
                queue.release(retry, now.plusMillis(1));
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
        return new Batch(done, new ExpiryReport(batch.size(), expired, skipped, unknown, deferred));
    }

    /**
     * Expires the batch's orders, {@code concurrency} at a time: as many workers as that, each taking
     * the next order of the batch until none is left. Returns per order its outcome or what it threw.
     */
    private Object[] outcomes(List<String> batch, ExecutorService workers) {
        Object[] results = new Object[batch.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                try {
                    results[i] = orders.expire(batch.get(i));
                } catch (RuntimeException e) {
                    results[i] = e;
                }
            }
        };
        int helpers = Math.min(settings.concurrency(), batch.size()) - 1;
        List<Future<?>> running = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            running.add(workers.submit(worker));
        }
        worker.run();
        for (Future<?> helper : running) {
            try {
                helper.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("Expiring orders failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while expiring orders", e);
            }
        }
        return results;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
