package dev.ticketing.bench;

import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The servers a function needs to start, all on 127.0.0.1: an in-memory MongoDB-compatible server
 * (mongo-java-server), a real {@code redis-server} (the binary shipped in the embedded-redis jar) and
 * a CloudEvent sink ({@code K_SINK}) that answers 202 and keeps what it received.
 *
 * <p>As a program ({@code java -cp ... dev.ticketing.bench.Servers [envFile]}) it starts them, prints
 * {@code MONGODB_URI=...}, {@code REDIS_URL=...}, {@code K_SINK=...} (also written to {@code envFile})
 * and runs until killed.
 */
public final class Servers implements AutoCloseable {

    /** One CloudEvent the sink received: its ce-* headers (lower case) and body. */
    public record ReceivedEvent(Map<String, String> headers, byte[] body) {
        public String type() {
            return headers.get("ce-type");
        }
    }

    /** The open-order cap per buyer of the functions the bench starts: its one buyer places every order. */
    static final int MAX_OPEN_ORDERS_PER_BUYER = 1_000_000;

    private final MongoServer mongo;
    private final Process redis;
    private final HttpServer sink;
    private final java.util.concurrent.ExecutorService sinkThreads;
    private final int redisPort;
    private final List<ReceivedEvent> received = new ArrayList<>();

    private final boolean keep;

    public Servers(Path workDir) throws IOException {
        this(workDir, true);
    }

    /** {@code keep}: whether the sink keeps what it receives (the load test does not). */
    public Servers(Path workDir, boolean keep) throws IOException {
        this.keep = keep;
        Files.createDirectories(workDir);
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", freePort());
        redisPort = freePort();
        Path binary = redisBinary(workDir);
        redis = new ProcessBuilder(binary.toString(), "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis.log").toFile())
                .start();
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        sinkThreads = Executors.newFixedThreadPool(2);
        sink.setExecutor(sinkThreads);
        sink.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase();
                if (lower.startsWith("ce-") || lower.equals("content-type")) {
                    headers.put(lower, values.getFirst());
                }
            });
            if (keep) {
                synchronized (received) {
                    received.add(new ReceivedEvent(headers, body));
                }
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        sink.start();
        awaitPort(redisPort);
    }

    public String mongoUri() {
        InetSocketAddress address = mongo.getLocalAddress();
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    public String sinkUrl() {
        return "http://127.0.0.1:" + sink.getAddress().getPort() + "/";
    }

    /**
     * The environment every function gets: servers, the bench's session keys and event sender, a Stripe
     * test key, and an open-order cap per buyer the seeds never reach (one buyer places every order).
     */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MONGODB_URI", mongoUri());
        env.put("REDIS_URL", redisUrl());
        env.put("K_SINK", sinkUrl());
        env.putAll(Sessions.env());
        env.put("TICKETING_ORDERS_MAX_OPEN_PER_BUYER", Integer.toString(MAX_OPEN_ORDERS_PER_BUYER));
        env.put("STRIPE_KEY", "sk_test_bench_not_a_real_key");
        env.put("SESSION_COOKIE_SECURE", "false");
        env.putAll(Senders.env());
        return env;
    }

    public List<ReceivedEvent> received(String type) {
        synchronized (received) {
            return received.stream().filter(e -> type.equals(e.type())).toList();
        }
    }

    @Override
    public void close() {
        sink.stop(0);
        sinkThreads.shutdownNow();
        redis.destroy();
        mongo.shutdownNow();
        try {
            redis.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path redisBinary(Path workDir) throws IOException {
        Path binary = workDir.resolve("redis-server");
        if (!Files.isExecutable(binary)) {
            try (InputStream in = Servers.class.getResourceAsStream("/redis-server-6.2.6-v5-linux-amd64")) {
                if (in == null) {
                    throw new IOException("redis-server binary not found in the embedded-redis jar");
                }
                Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            }
            binary.toFile().setExecutable(true);
        }
        return binary;
    }

    private static void awaitPort(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IOException("redis-server did not open port " + port);
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("bench-servers");
        try (Servers servers = new Servers(work, false)) {
            StringBuilder env = new StringBuilder();
            servers.env().forEach((k, v) -> env.append(k).append("='").append(v).append("'\n"));
            System.out.print(env);
            System.out.flush();
            if (args.length > 0) {
                Files.writeString(Path.of(args[0]), env, StandardCharsets.UTF_8);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close));
            Thread.currentThread().join();
        }
    }
}
