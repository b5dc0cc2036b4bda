package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;

/**
 * Fault injection (issue 17): {@code kill -9} of redis-server while orders are placed, with a short
 * expiration window, and Redis never back. Every acknowledged order must still expire, and its ticket
 * be free again, within 60 s of its window's end. The whole system runs as {@code ./run} starts it;
 * the redis-server is this test's own (the platform is given its URL), so the test kills exactly the
 * process it started.
 *
 * <p>Runs only in the fault suite: {@code ./mvnw -B verify -pl local -am -Pfaults}. Extra function
 * environment for an experiment, e.g. the sweep switched off:
 * {@code -Dticketing.faults.function-env=EXPIRY_SWEEP_LIMIT=0}.
 */
@Tag("fault")
@EnabledIfSystemProperty(named = "ticketing.faults", matches = "true")
class RedisKillFaultTest {

    static final int WINDOW_SECONDS = 10;
    static final int ORDERS = 100;
    static final int KILL_AFTER = 30;
    static final Duration CONVERGE = Faults.CONVERGE;

    static Path data;
    static RedisServer redis;
    static Platform platform;
    static HttpApi api;

    @BeforeAll
    static void start() throws Exception {
        data = Faults.freshDir("redis-kill");
        int redisPort = HttpServers.freePort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").onShutdownForceStop(true).build();
        redis.start();
        PlatformOptions options = Faults.platform(data)
                .withEnv("ORDER_EXPIRATION_WINDOW", WINDOW_SECONDS + "s")
                .withEnv("REDIS_URL", "redis://127.0.0.1:" + redisPort);
        for (String pair : System.getProperty("ticketing.faults.function-env", "").split(",")) {
            if (pair.contains("=")) {
                options = options.withFunctionEnv(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        platform = new Platform(options, System.out::println);
        platform.start();
        api = new HttpApi(platform.frontDoorUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
    }

    /** An acknowledged order: its ticket and when its window ends. */
    record Placed(String orderId, String ticketId, Instant expiresAt) {
    }

    @Test
    void everyOrderExpiresAndFreesItsTicketWithin60sOfItsWindowAfterRedisIsKilled() throws Exception {
        String seller = Faults.signup(api);
        String buyer = Faults.signup(api);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            tickets.add(Faults.listTicket(api, seller, "Show " + i));
        }

        List<Placed> placed = new ArrayList<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Instant[] killedAt = new Instant[1];
        try (ExecutorService buyers = Executors.newFixedThreadPool(8)) {
            List<Future<Placed>> orders = new ArrayList<>();
            for (String ticket : tickets) {
                orders.add(buyers.submit(() -> {
                    Placed order = placeOrder(buyer, ticket);
                    if (acknowledged.incrementAndGet() == KILL_AFTER && killed.compareAndSet(false, true)) {
                        killedAt[0] = Instant.now();
                        killRedis();
                    }
                    return order;
                }));
            }
            for (Future<Placed> order : orders) {
                placed.add(order.get());
            }
        }
        assertThat(killed).isTrue();
        Instant lastWindowEnd = placed.stream().map(Placed::expiresAt).max(Comparator.naturalOrder()).orElseThrow();

        // poll every order (and, once it is cancelled, its ticket) until all are free or the time is up
        Map<String, Instant> cancelledAt = new ConcurrentHashMap<>();
        Map<String, Instant> freedAt = new ConcurrentHashMap<>();
        Instant deadline = lastWindowEnd.plus(CONVERGE).plusSeconds(1);
        while (freedAt.size() < placed.size() && Instant.now().isBefore(deadline)) {
            Map<String, String> statuses = statuses(buyer);
            for (Placed order : placed) {
                if ("cancelled".equals(statuses.get(order.orderId()))) {
                    cancelledAt.putIfAbsent(order.orderId(), Instant.now());
                    if (!freedAt.containsKey(order.orderId()) && ticketFree(order.ticketId())) {
                        freedAt.put(order.orderId(), Instant.now());
                    }
                }
            }
            Thread.sleep(1000);
        }
        System.out.printf("FAULT redis-kill: %d of %d orders cancelled, %d tickets freed by %s (logs: %s)%n",
                cancelledAt.size(), placed.size(), freedAt.size(), deadline, data.resolve("logs"));
        assertThat(freedAt).hasSameSizeAs(placed);

        List<Duration> lateness = placed.stream()
                .map(o -> Duration.between(o.expiresAt(), freedAt.get(o.orderId()))).sorted().toList();
        System.out.printf("FAULT redis-kill: orders acknowledged %d (of %d), redis-server killed (SIGKILL) after %d at %s"
                        + " and never restarted; expired %d, tickets freed %d; ticket free after window end: median %d ms,"
                        + " max %d ms (limit %d s); dead letters %d%n",
                placed.size(), ORDERS, KILL_AFTER, killedAt[0], cancelledAt.size(), freedAt.size(),
                lateness.get(lateness.size() / 2).toMillis(), lateness.getLast().toMillis(), CONVERGE.toSeconds(),
                DeadLetter.in(platform.broker().deadLetters()).size());
        assertThat(placed).hasSize(ORDERS);
        assertThat(lateness.getLast()).isLessThanOrEqualTo(CONVERGE);
    }

    /** SIGKILLs the redis-server this test started: the only one among this JVM's child processes. */
    static void killRedis() {
        List<ProcessHandle> servers = ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false)).toList();
        assertThat(servers).hasSize(1);
        servers.getFirst().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !servers.getFirst().isAlive());
    }

    static Placed placeOrder(String buyer, String ticket) {
        JsonNode order = Faults.placeOrder(api, buyer, ticket);
        return new Placed(order.get("id").asString(), ticket, Instant.parse(order.get("expiresAt").asString()));
    }

    /** Every order of the buyer by id and status (pages of 100, the next named by {@code Next-Cursor}). */
    static Map<String, String> statuses(String buyer) {
        Map<String, String> statuses = new ConcurrentHashMap<>();
        String cursor = null;
        do {
            Response page = api.get("/api/orders?limit=100" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), "Cookie", buyer);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().forEach(o -> statuses.put(o.get("id").asString(), o.get("status").asString()));
            cursor = page.header("next-cursor");
        } while (cursor != null && !cursor.isBlank());
        return statuses;
    }

    static boolean ticketFree(String ticket) {
        Response shown = api.get("/api/tickets/" + ticket);
        return shown.status() == 200 && !shown.json().has("orderId");
    }
}
