package dev.ticketing.order.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.ConcurrentModification;
import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.Unavailable;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.Delivery;
import dev.ticketing.order.expiry.redis.RedisExpiryQueue;
import dev.ticketing.order.expiry.redis.TestRedis;
import dev.ticketing.testing.EmbeddedServers;
import dev.ticketing.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The use case against the real Redis queue; the orders database is the in-memory {@link Orders}. */
class OrderExpiryTest {

    static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(60);

    ManualClock clock = new ManualClock(T0);
    RedisExpiryQueue queue = TestRedis.freshQueue();
    Orders orders = new Orders();
    OrderExpiry expiry = new OrderExpiry(queue, orders, clock, new ExpirySettings(10, LEASE, 4));

    @Test
    void schedulesANewOrderOnceAndAcknowledgesARedeliveryAsDuplicate() {
        assertThat(expiry.schedule("o1", T0)).isEqualTo(Delivery.APPLIED);
        assertThat(expiry.schedule("o1", T0)).isEqualTo(Delivery.DUPLICATE);

        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void refusesToScheduleWithoutOrderIdOrExpiryTime() {
        assertThatThrownBy(() -> expiry.schedule("o1", null)).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> expiry.schedule(" ", T0)).isInstanceOf(ValidationFailed.class);
    }

    @Test
    void expiresDueOrdersAndRemovesTheirEntries() {
        orders.created("o1", "o2");
        expiry.schedule("o1", T0.minusSeconds(1));
        expiry.schedule("o2", T0);

        ExpiryReport report = expiry.expireDue();

        assertThat(report).isEqualTo(new ExpiryReport(2, 2, 0, 0, 0));
        assertThat(orders.expiredOnce()).containsExactlyInAnyOrder("o1", "o2");
        assertThat(queue.size()).isZero();
    }

    @Test
    void leavesOrdersThatAreNotYetDueQueued() {
        orders.created("due", "notYet");
        expiry.schedule("due", T0);
        expiry.schedule("notYet", T0.plusMillis(1));

        expiry.expireDue();

        assertThat(orders.expiredOnce()).containsExactly("due");
        assertThat(queue.size()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(expiry.expireDue().expired()).isEqualTo(1);
        assertThat(orders.expiredOnce()).containsExactlyInAnyOrder("due", "notYet");
    }

    @Test
    void oneTickWorksThroughMoreEntriesThanOneBatch() {
        for (int i = 0; i < 35; i++) {
            orders.created("o" + i);
            expiry.schedule("o" + i, T0.minusSeconds(i));
        }

        ExpiryReport report = expiry.expireDue();

        assertThat(report.claimed()).isEqualTo(35);
        assertThat(report.expired()).isEqualTo(35);
        assertThat(orders.expiredOnce()).hasSize(35);
        assertThat(queue.size()).isZero();
    }

    @Test
    void aBatchOfExactlyTheBatchSizeIsFollowedByAnotherClaim() {
        for (int i = 0; i < 20; i++) {
            orders.created("o" + i);
            expiry.schedule("o" + i, T0);
        }

        assertThat(expiry.expireDue().expired()).isEqualTo(20);
        assertThat(queue.size()).isZero();
    }

    @Test
    void twoOverlappingTicksExpireEachOrderExactlyOnce() throws Exception {
        int count = 400;
        for (int i = 0; i < count; i++) {
            orders.created("o" + i);
            expiry.schedule("o" + i, T0.minusMillis(i));
        }
        OrderExpiry other = new OrderExpiry(queue, orders, clock, new ExpirySettings(10, LEASE, 4));
        CountDownLatch start = new CountDownLatch(1);
        List<ExpiryReport> reports = new ArrayList<>();
        try (ExecutorService ticks = Executors.newFixedThreadPool(2)) {
            Future<ExpiryReport> a = ticks.submit(() -> {
                start.await();
                return expiry.expireDue();
            });
            Future<ExpiryReport> b = ticks.submit(() -> {
                start.await();
                return other.expireDue();
            });
            start.countDown();
            reports.add(a.get());
            reports.add(b.get());
        }

        assertThat(reports.get(0).claimed() + reports.get(1).claimed()).isEqualTo(count);
        assertThat(orders.calls.values()).allMatch(calls -> calls.get() == 1);
        assertThat(orders.expiredOnce()).hasSize(count);
        assertThat(queue.size()).isZero();
    }

    @Test
    void reclaimsTheEntriesOfACrashedTickOnceTheirLeaseRunsOut() {
        orders.created("o1", "o2");
        expiry.schedule("o1", T0);
        expiry.schedule("o2", T0);
        // a tick that claimed both and died before expiring them
        assertThat(queue.claim(T0, T0.plus(LEASE), 10)).hasSize(2);

        clock.advance(LEASE.minusMillis(1));
        assertThat(expiry.expireDue().claimed()).isZero();
        assertThat(orders.expiredOnce()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(expiry.expireDue()).isEqualTo(new ExpiryReport(2, 2, 0, 0, 0));
        assertThat(orders.expiredOnce()).containsExactlyInAnyOrder("o1", "o2");
        assertThat(queue.size()).isZero();
    }

    @Test
    void aTickThatDiedAfterExpiringDoesNotExpireTheOrderTwice() {
        orders.created("o1");
        expiry.schedule("o1", T0);
        // the crashed tick expired the order but died before removing the entry
        queue.claim(T0, T0.plus(LEASE), 10);
        orders.expire("o1");

        clock.advance(LEASE);
        ExpiryReport report = expiry.expireDue();

        assertThat(report).isEqualTo(new ExpiryReport(1, 0, 1, 0, 0));
        assertThat(orders.expiredOnce()).containsExactly("o1");
        assertThat(queue.size()).isZero();
    }

    @Test
    void skipsOrdersThatAlreadyEndedOrDoNotExistAndRemovesTheirEntries() {
        orders.created("created");
        orders.ended("complete", "cancelled");
        for (String id : List.of("created", "complete", "cancelled", "unknown")) {
            expiry.schedule(id, T0);
        }

        ExpiryReport report = expiry.expireDue();

        assertThat(report).isEqualTo(new ExpiryReport(4, 1, 2, 1, 0));
        assertThat(orders.expiredOnce()).containsExactly("created");
        assertThat(queue.size()).isZero();
    }

    @Test
    void skipsAnOrderTheOrdersDatabaseRefusesForGood() {
        orders.refused.put("bad", new NotFound());
        expiry.schedule("bad", T0);

        assertThat(expiry.expireDue().skipped()).isEqualTo(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void defersAnOrderChangedConcurrentlyToTheNextTick() {
        orders.created("busy", "calm");
        orders.refused.put("busy", new ConcurrentModification());
        expiry.schedule("busy", T0);
        expiry.schedule("calm", T0);

        assertThat(expiry.expireDue()).isEqualTo(new ExpiryReport(2, 1, 0, 0, 1));
        assertThat(queue.size()).isEqualTo(1);

        orders.refused.clear();
        clock.advance(Duration.ofSeconds(1));
        assertThat(expiry.expireDue()).isEqualTo(new ExpiryReport(1, 1, 0, 0, 0));
        assertThat(orders.expiredOnce()).containsExactlyInAnyOrder("busy", "calm");
        assertThat(queue.size()).isZero();
    }

    @Test
    void whenTheOrdersDatabaseFailsTheTickFailsAndTheNextTickCatchesUp() {
        orders.created("o1", "o2", "o3");
        orders.refused.put("o2", new Unavailable("orders database down"));
        for (String id : List.of("o1", "o2", "o3")) {
            expiry.schedule(id, T0);
        }

        assertThatThrownBy(expiry::expireDue).isInstanceOf(Unavailable.class);
        assertThat(queue.size()).isEqualTo(1);

        orders.refused.clear();
        clock.advance(Duration.ofSeconds(1));
        assertThat(expiry.expireDue().expired()).isEqualTo(1);
        assertThat(orders.expiredOnce()).containsExactlyInAnyOrder("o1", "o2", "o3");
        assertThat(queue.size()).isZero();
    }

    @Test
    void whenRedisIsUnreachableSchedulingAndTheTickReportUnavailable() {
        OrderExpiry cut = new OrderExpiry(new RedisExpiryQueue(
                TestRedis.connect("redis://127.0.0.1:" + EmbeddedServers.freePort())), orders, clock,
                ExpirySettings.DEFAULTS);

        assertThatThrownBy(() -> cut.schedule("o1", T0)).isInstanceOf(Unavailable.class);
        assertThatThrownBy(cut::expireDue).isInstanceOf(Unavailable.class);
    }

    @Test
    void settingsRefuseBatchesTheClaimScriptCannotHold() {
        assertThatThrownBy(() -> new ExpirySettings(1001, LEASE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpirySettings(10, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** An in-memory orders database: created orders expire once; ended ones are skipped. */
    static final class Orders implements ExpirableOrders {

        final Map<String, String> status = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<String, RuntimeException> refused = new ConcurrentHashMap<>();
        final List<String> expired = java.util.Collections.synchronizedList(new ArrayList<>());

        void created(String... ids) {
            for (String id : ids) {
                status.put(id, "created");
            }
        }

        void ended(String... ids) {
            for (String id : ids) {
                status.put(id, "complete");
            }
        }

        List<String> expiredOnce() {
            assertThat(expired).doesNotHaveDuplicates();
            return List.copyOf(expired);
        }

        @Override
        public Outcome expire(String orderId) {
            calls.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
            RuntimeException refusal = refused.get(orderId);
            if (refusal != null) {
                throw refusal;
            }
            if (!status.containsKey(orderId)) {
                return Outcome.UNKNOWN;
            }
            if (status.replace(orderId, "created", "cancelled")) {
                expired.add(orderId);
                return Outcome.EXPIRED;
            }
            return Outcome.ALREADY_ENDED;
        }
    }
}
