package dev.ticketing.bench.expiry;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.EventPublisher;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutgoingEvent;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.PingTick;
import dev.ticketing.event.TicketRef;
import dev.ticketing.order.Order;
import dev.ticketing.order.OrderStatus;
import dev.ticketing.order.TicketView;
import dev.ticketing.order.expiry.ExpirableOrders;
import dev.ticketing.order.expiry.ExpiryQueue;
import dev.ticketing.order.expiry.ExpiryReport;
import dev.ticketing.order.expiry.ExpirySettings;
import dev.ticketing.order.expiry.OrderExpiry;
import dev.ticketing.order.expiry.redis.RedisExpiryQueue;
import dev.ticketing.order.store.MongoOrders;
import dev.ticketing.testing.EmbeddedServers;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.TestSenders;
import dev.ticketing.testing.TestTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Loads {@code entries} (default 100,000) due entries and measures, against the embedded
 * redis-server and mongo-java-server of the tests, in one JVM run:
 * <ol>
 *   <li>the ceiling: raw pipelined {@code ZADD} and {@code ZPOPMIN}, one command per entry
 *       ({@link RawRedis});</li>
 *   <li>the claim path: the Lua claim (with lease) plus the removal of each claimed batch, through
 *       {@link RedisExpiryQueue} on the function's own Redis client; and one tick of
 *       {@link OrderExpiry} over the same queue whose orders side does nothing;</li>
 *   <li>the full expire path: the real expire-order function, started in-process on a random port,
 *       receives one PingSource tick over HTTP and expires every order (MongoDB update, owed
 *       {@code order.expired} published to a K_SINK over HTTP). A warm-up tick of 5,000 orders runs
 *       first.</li>
 * </ol>
 */
public final class ExpireOrderBench {

    static final int BATCH = ExpirySettings.DEFAULTS.batchSize();
    static final Duration LEASE = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int fullEntries = args.length > 2 ? Integer.parseInt(args[2]) : entries;
        boolean idVersionIndex = "1".equals(System.getenv("BENCH_ID_VERSION_INDEX"));
        String redisUrl = EmbeddedServers.redisUrl();
        String mongoUri = EmbeddedServers.mongoUri();
        EventSink sink = EventSink.shared();

        try (RawRedis raw = new RawRedis(redisUrl)) {
            System.out.printf("redis-server %s, %d cores, JDK %s, %,d entries, %d rounds, %,d orders on the full"
                    + " path%s, load average %s%n", raw.serverVersion(), Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), entries, rounds, fullEntries,
                    idVersionIndex ? " (with an extra unique (_id, version) index on orders)" : "", loadAverage());
            ConfigurableApplicationContext app = startFunction(mongoUri, redisUrl, sink);
            try {
                StringRedisTemplate redis = app.getBean(StringRedisTemplate.class);
                RedisExpiryQueue claimQueue = new RedisExpiryQueue(redis, "bench:claim");
                OrderExpiry claimOnly = new OrderExpiry(claimQueue, id -> ExpirableOrders.Outcome.ALREADY_ENDED,
                        Clock.systemUTC(), new ExpirySettings(BATCH, LEASE, 8));

                // warm-up (JIT, connections, script cache), not reported
                raw.zadd("bench:warmup", entries / 5, 0);
                raw.zpopmin("bench:warmup", entries / 5);
                claimAll(raw, claimQueue, entries / 5);
                tick(raw, claimQueue, claimOnly, entries / 5);

                // the ceiling and the claim path measured in turns, so a busy neighbour hits both alike
                List<Rate> zadds = new ArrayList<>();
                List<Rate> zpopmins = new ArrayList<>();
                List<Rate> batchedPops = new ArrayList<>();
                List<Rate> claims = new ArrayList<>();
                List<Rate> ticks = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    zadds.add(raw.zadd("bench:raw", entries, 0));
                    zpopmins.add(raw.zpopmin("bench:raw", entries));
                    raw.zadd("bench:raw", entries, 0);
                    batchedPops.add(raw.zpopminBatched("bench:raw", entries, BATCH));
                    claims.add(claimAll(raw, claimQueue, entries));
                    ticks.add(tick(raw, claimQueue, claimOnly, entries));
                }

                Seeder seeder = new Seeder(app, raw);
                if (idVersionIndex) {
                    seeder.indexIdAndVersion();
                }
                RedisExpiryQueue functionQueue = (RedisExpiryQueue) app.getBean(ExpiryQueue.class);
                URI tickUri = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")
                        + "/expireOrders");
                fullTick(seeder, functionQueue, sink, tickUri, Math.max(1, fullEntries / 20)); // warm-up
                Rate full = fullTick(seeder, functionQueue, sink, tickUri, fullEntries);

                Rate zpopmin = median(zpopmins);
                Rate claim = median(claims);
                Rate tickClaim = median(ticks);
                System.out.println();
                System.out.println("| path (median of " + rounds + " rounds but the last row) | entries/s | entries | seconds |");
                System.out.println("|---|---:|---:|---:|");
                System.out.println(row("raw ZADD, 1 entry/command, pipelined " + RawRedis.PIPELINE, median(zadds)));
                System.out.println(row("raw ZPOPMIN, 1 entry/command, pipelined " + RawRedis.PIPELINE
                        + " (the ceiling)", zpopmin));
                System.out.println(row("raw ZPOPMIN count " + BATCH + ", pipelined " + RawRedis.PIPELINE
                        + " (no lease; reference)", median(batchedPops)));
                System.out.println(row("claim: Lua claim with lease + removal, " + BATCH + "/batch (RedisExpiryQueue)",
                        claim));
                System.out.println(row("one tick, orders side a no-op (OrderExpiry.expireDue)", tickClaim));
                System.out.println(row("full expire path: one PingSource tick over HTTP to expire-order "
                        + "(claim + MongoDB update + order.expired to K_SINK)", full));
                System.out.println();
                System.out.printf("claim / ceiling = %.0f%%, one tick (claim path) / ceiling = %.0f%% (target >= 50%%)%n",
                        100 * claim.perSecond() / zpopmin.perSecond(), 100 * tickClaim.perSecond() / zpopmin.perSecond());
                System.out.printf("full expire path = %,.0f orders/s (target >= 2,000)%n", full.perSecond());
                System.out.printf("load average at the end: %s%n", loadAverage());
            } finally {
                app.close();
            }
        }
        System.exit(0);
    }

    static Rate median(List<Rate> rates) {
        List<Rate> sorted = new ArrayList<>(rates);
        sorted.sort(java.util.Comparator.comparingDouble(Rate::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static String row(String name, Rate rate) {
        return String.format("| %s | %,.0f | %,d | %.2f |", name, rate.perSecond(), rate.count(), rate.seconds());
    }

    static ConfigurableApplicationContext startFunction(String mongoUri, String redisUrl, EventSink sink)
            throws ClassNotFoundException {
        Class<?> application = Class.forName("dev.ticketing.expireorder.ExpireOrderApplication");
        return SpringApplication.run(application,
                "--server.port=0",
                "--spring.mongodb.uri=" + mongoUri,
                "--spring.data.redis.url=" + redisUrl,
                "--K_SINK=" + sink.url(),
                "--JWT_PUBLIC_KEY=" + TestTokens.PUBLIC_KEY,
                "--ticketing.events.auth.issuer=" + TestSenders.ISSUER,
                "--ticketing.events.auth.audience=" + TestSenders.AUDIENCE,
                "--ticketing.events.auth.jwks=" + TestSenders.jwks(),
                "--logging.level.root=WARN");
    }

    /** Loads {@code n} due entries and claims + removes them all, batch by batch (one call each). */
    static Rate claimAll(RawRedis raw, RedisExpiryQueue queue, int n) {
        raw.load(queue.dueKey(), ids(n), dueScore(n));
        long start = System.nanoTime();
        Instant now = Instant.now();
        long claimed = 0;
        List<String> batch = List.of();
        while (!(batch = queue.claim(now, now.plus(LEASE), BATCH, batch)).isEmpty()) {
            claimed += batch.size();
        }
        Rate rate = new Rate(claimed, System.nanoTime() - start);
        check(claimed == n && queue.size() == 0, "claimed " + claimed + " of " + n);
        return rate;
    }

    static Rate tick(RawRedis raw, RedisExpiryQueue queue, OrderExpiry expiry, int n) {
        raw.load(queue.dueKey(), ids(n), dueScore(n));
        long start = System.nanoTime();
        ExpiryReport report = expiry.expireDue();
        Rate rate = new Rate(report.claimed(), System.nanoTime() - start);
        check(report.claimed() == n && queue.size() == 0, "tick claimed " + report.claimed() + " of " + n);
        return rate;
    }

    /** Seeds {@code n} due orders, queues them, sends one tick, and checks every order expired once. */
    static Rate fullTick(Seeder seeder, RedisExpiryQueue queue, EventSink sink, URI tickUri, int n) throws Exception {
        List<String> orderIds = seeder.dueOrders(n);
        seeder.raw.load(queue.dueKey(), orderIds, dueScore(n));
        sink.clear();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String id = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(tickUri).timeout(Duration.ofMinutes(60))
                .header("Content-Type", "application/json")
                .header("Authorization", TestSenders.bearer(TestSenders.token()))
                .header("Ce-Specversion", "1.0")
                .header("Ce-Id", id)
                .header("Ce-Type", PingTick.TYPE)
                .header("Ce-Source", "/apis/v1/namespaces/ticketing/pingsources/expire-orders")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        check(response.statusCode() == 202, "tick answered " + response.statusCode() + " " + response.body());
        int events = sink.ofType(OrderExpired.TYPE).size();
        long expired = seeder.cancelled(orderIds);
        check(events == n && expired == n && queue.size() == 0,
                "events " + events + ", cancelled " + expired + ", queue " + queue.size() + " for " + n + " orders");
        return new Rate(n, nanos);
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(new ObjectId().toHexString());
        }
        return ids;
    }

    /** Scores so that all {@code n} entries are a minute or more overdue, oldest first. */
    static long dueScore(int n) {
        return Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli() - n;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("Benchmark run is not valid: " + what);
        }
    }

    /**
     * Writes due orders to the orders database in the exact stored form: one order goes through the
     * orders context's own {@link MongoOrders#add} (its owed event discarded), and is then copied in
     * bulk with fresh order and ticket ids.
     */
    static final class Seeder {

        final RawRedis raw;
        private final MongoTemplate mongo;
        private final MongoCollection<Document> orders;
        private final Document template;

        Seeder(ConfigurableApplicationContext app, RawRedis raw) {
            this.raw = raw;
            this.mongo = app.getBean(MongoTemplate.class);
            EventPublisher nowhere = new EventPublisher() {
                @Override
                public void publish(OutgoingEvent event) {
                }

                @Override
                public String describe() {
                    return "nowhere";
                }
            };
            MongoOrders store = new MongoOrders(mongo, app.getBean(EventEnvelopes.class),
                    new Outbox(mongo, nowhere, null));
            Instant placed = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MILLIS);
            TicketView ticket = new TicketView(new ObjectId().toHexString(), "Concert", new BigDecimal("20.00"), 0);
            Order order = new Order(store.nextId(), new ObjectId().toHexString(), OrderStatus.CREATED, placed,
                    placed.plus(Duration.ofMinutes(15)), 0, ticket);
            store.add(order, new OrderCreated(order.id(), 0, "created", order.userId(), order.expiresAt(),
                    new TicketRef(ticket.id(), ticket.price())));
            this.orders = mongo.getCollection("orders");
            this.template = orders.find(eq("_id", new ObjectId(order.id()))).first();
            check(template != null, "template order not found as stored");
            orders.deleteOne(eq("_id", template.get("_id")));
        }

        List<String> dueOrders(int n) {
            List<String> ids = new ArrayList<>(n);
            List<Document> chunk = new ArrayList<>(5_000);
            for (int i = 0; i < n; i++) {
                ObjectId id = new ObjectId();
                String ticketId = new ObjectId().toHexString();
                Document copy = new Document(template);
                copy.put("_id", id);
                if (copy.containsKey("activeTicketId")) {
                    copy.put("activeTicketId", ticketId);
                }
                Document ticket = new Document(template.get("ticket", Document.class));
                ticket.put(ticket.containsKey("_id") ? "_id" : "id", ticketId);
                copy.put("ticket", ticket);
                chunk.add(copy);
                ids.add(id.toHexString());
                if (chunk.size() == 5_000 || i == n - 1) {
                    orders.insertMany(chunk);
                    chunk = new ArrayList<>(5_000);
                }
            }
            return ids;
        }

        /**
         * mongo-java-server serves a query from an index only when the query names exactly that index's
         * fields: the version-conditional update {@code {_id, version}} of an order otherwise scans the
         * whole collection. Real MongoDB uses the {@code _id} index for it either way.
         */
        void indexIdAndVersion() {
            mongo.indexOps("orders").createIndex(new Index().on("_id", Sort.Direction.ASC)
                    .on("version", Sort.Direction.ASC).unique().named("id_version"));
        }

        long cancelled(List<String> ids) {
            List<ObjectId> objectIds = ids.stream().map(ObjectId::new).toList();
            return orders.countDocuments(new Document("_id", new Document("$in", objectIds))
                    .append("status", "cancelled").append("version", 1L));
        }
    }
}
