package dev.ticketing.order.expiry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.Unavailable;
import dev.ticketing.testing.EmbeddedServers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

class RedisExpiryQueueTest {

    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    static final Instant LEASE_END = NOW.plusSeconds(60);

    StringRedisTemplate redis = TestRedis.shared();
    RedisExpiryQueue queue = TestRedis.freshQueue();

    @Test
    void schedulesAnOrderScoredByItsDueTime() {
        assertThat(queue.schedule("o1", NOW)).isTrue();

        assertThat(redis.opsForZSet().score(queue.dueKey(), "o1")).isEqualTo((double) NOW.toEpochMilli());
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void aRepeatedScheduleNeitherDuplicatesNorMovesTheEntry() {
        queue.schedule("o1", NOW);

        assertThat(queue.schedule("o1", NOW.plusSeconds(600))).isFalse();

        assertThat(redis.opsForZSet().score(queue.dueKey(), "o1")).isEqualTo((double) NOW.toEpochMilli());
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void aScheduleOfAClaimedEntryDoesNotQueueItAgain() {
        queue.schedule("o1", NOW);
        queue.claim(NOW, LEASE_END, 10);

        assertThat(queue.schedule("o1", NOW)).isFalse();

        assertThat(queue.claim(NOW, LEASE_END, 10)).isEmpty();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void claimsDueEntriesOnlyOldestFirst() {
        queue.schedule("later", NOW.plusMillis(1));
        queue.schedule("due", NOW);
        queue.schedule("overdue", NOW.minusSeconds(30));

        assertThat(queue.claim(NOW, LEASE_END, 10)).containsExactly("overdue", "due");
        assertThat(queue.claim(NOW.plusMillis(1), LEASE_END, 10)).containsExactly("later");
    }

    @Test
    void claimsAtMostTheLimit() {
        for (int i = 0; i < 25; i++) {
            queue.schedule("o" + i, NOW.minusSeconds(100 - i));
        }

        List<String> first = queue.claim(NOW, LEASE_END, 10);
        List<String> second = queue.claim(NOW, LEASE_END, 10);
        List<String> third = queue.claim(NOW, LEASE_END, 10);

        assertThat(first).hasSize(10).startsWith("o0");
        assertThat(second).hasSize(10).startsWith("o10");
        assertThat(third).hasSize(5).startsWith("o20");
        assertThat(queue.claim(NOW, LEASE_END, 10)).isEmpty();
    }

    @Test
    void aClaimedEntryIsNotClaimedAgainWhileItsLeaseRuns() {
        queue.schedule("o1", NOW);
        queue.claim(NOW, LEASE_END, 10);

        assertThat(queue.claim(LEASE_END.minusMillis(1), LEASE_END.plusSeconds(60), 10)).isEmpty();
    }

    @Test
    void anEntryWhoseLeaseRanOutIsClaimedAgainBeforeNewlyDueOnes() {
        queue.schedule("crashed", NOW);
        queue.claim(NOW, LEASE_END, 10);
        queue.schedule("fresh", LEASE_END);

        Instant newLease = LEASE_END.plusSeconds(60);
        assertThat(queue.claim(LEASE_END, newLease, 10)).containsExactly("crashed", "fresh");
        assertThat(redis.opsForZSet().score(queue.leasedKey(), "crashed")).isEqualTo((double) newLease.toEpochMilli());
        assertThat(queue.claim(LEASE_END.plusSeconds(1), newLease, 10)).isEmpty();
    }

    @Test
    void completeRemovesClaimedEntries() {
        queue.schedule("o1", NOW);
        queue.schedule("o2", NOW);
        queue.claim(NOW, LEASE_END, 10);

        queue.complete(List.of("o1", "o2"));

        assertThat(queue.size()).isZero();
        assertThat(queue.claim(LEASE_END.plusSeconds(600), LEASE_END.plusSeconds(660), 10)).isEmpty();
    }

    @Test
    void aClaimRemovesTheCompletedEntriesItIsGivenBeforeClaimingMore() {
        for (int i = 0; i < 4; i++) {
            queue.schedule("o" + i, NOW.minusSeconds(10 - i));
        }
        List<String> first = queue.claim(NOW, LEASE_END, 2);

        List<String> second = queue.claim(NOW, LEASE_END, 2, first);

        assertThat(first).containsExactly("o0", "o1");
        assertThat(second).containsExactly("o2", "o3");
        assertThat(redis.opsForZSet().range(queue.leasedKey(), 0, -1)).containsExactlyInAnyOrder("o2", "o3");
        assertThat(queue.claim(LEASE_END, LEASE_END.plusSeconds(60), 10, second)).isEmpty();
        assertThat(queue.size()).isZero();
    }

    @Test
    void releaseMakesClaimedEntriesDueAgainAtTheGivenTime() {
        queue.schedule("o1", NOW);
        queue.claim(NOW, LEASE_END, 10);

        queue.release(List.of("o1"), NOW.plusMillis(1));

        assertThat(queue.claim(NOW, LEASE_END, 10)).isEmpty();
        assertThat(queue.claim(NOW.plusMillis(1), LEASE_END, 10)).containsExactly("o1");
    }

    @Test
    void releaseLeavesAloneAnEntryThatIsNoLongerClaimed() {
        queue.schedule("o1", NOW);
        queue.claim(NOW, LEASE_END, 10);
        queue.complete(List.of("o1"));

        queue.release(List.of("o1"), NOW);

        assertThat(queue.size()).isZero();
    }

    @Test
    void concurrentClaimsNeverHandOutTheSameEntry() throws Exception {
        int entries = 2_000;
        for (int i = 0; i < entries; i++) {
            queue.schedule("o" + i, NOW.minusMillis(i));
        }
        int claimers = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            tasks.add(() -> {
                start.await();
                List<String> mine = new ArrayList<>();
                List<String> batch;
                while (!(batch = queue.claim(NOW, LEASE_END, 7)).isEmpty()) {
                    mine.addAll(batch);
                }
                return mine;
            });
        }
        List<String> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (Callable<List<String>> task : tasks) {
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                all.addAll(result.get());
            }
        }

        assertThat(all).hasSize(entries);
        assertThat(new HashSet<>(all)).hasSize(entries);
    }

    @Test
    void reportsUnavailableWhenRedisCannotBeReached() {
        RedisExpiryQueue unreachable = new RedisExpiryQueue(
                TestRedis.connect("redis://127.0.0.1:" + EmbeddedServers.freePort()));

        assertThatThrownBy(() -> unreachable.schedule("o1", NOW)).isInstanceOf(Unavailable.class);
        assertThatThrownBy(() -> unreachable.claim(NOW, LEASE_END, 10)).isInstanceOf(Unavailable.class);
    }

    @Test
    void opensItsConnectionInTheBackgroundBeforeTheFirstCommand() {
        int before = clients();

        RedisExpiryQueue own = new RedisExpiryQueue(TestRedis.connect(EmbeddedServers.redisUrl()), "test-"
                + UUID.randomUUID()).connectInBackground();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> clients() > before);
        assertThat(own.schedule("o1", NOW)).isTrue();
    }

    @Test
    void connectingInTheBackgroundToAnUnreachableRedisChangesNothing() {
        RedisExpiryQueue unreachable = new RedisExpiryQueue(
                TestRedis.connect("redis://127.0.0.1:" + EmbeddedServers.freePort())).connectInBackground();

        assertThatThrownBy(() -> unreachable.schedule("o1", NOW)).isInstanceOf(Unavailable.class);
    }

    private int clients() {
        return redis.execute((RedisCallback<Integer>) c -> c.serverCommands().getClientList().size());
    }

    @Test
    void reportsUnavailableWhileRedisIsDownAndServesAgainOnceItIsBack() throws IOException {
        int port = EmbeddedServers.freePort();
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("appendonly no")
                .setting("save \"\"").onShutdownForceStop(true).build();
        server.start();
        try {
            RedisExpiryQueue own = new RedisExpiryQueue(TestRedis.connect("redis://127.0.0.1:" + port));
            own.schedule("o1", NOW);
            server.stop();

            assertThatThrownBy(() -> own.schedule("o2", NOW)).isInstanceOf(Unavailable.class);
            assertThatThrownBy(() -> own.claim(NOW, LEASE_END, 10)).isInstanceOf(Unavailable.class);

            server.start();
            Set<String> claimed = new HashSet<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreException(Unavailable.class)
                    .until(() -> own.schedule("o2", NOW));
            claimed.addAll(own.claim(NOW, LEASE_END, 10));
            assertThat(claimed).containsExactly("o2");
        } finally {
            server.stop();
        }
    }
}
