// The local platform benchmark (bench/local/run.sh): start time against one plain `java -jar`,
// resident memory with every function up, and how fast an order's order.created reaches its ticket
// (polled every 2 ms: a faster poll competes for the 2 cores with the path it measures).
// Drives the platform only as a user does: `./run` (without its build step), then HTTP through its
// front door. Needs mongo-java-server on the class path (for the plain `java -jar` baseline).

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class LocalBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{24})\"");
    /**
     * {@code JWT_PUBLIC_KEY} of the plain {@code java -jar} baseline (a key made for this run: the baseline
     * only answers its readiness probe, no session is checked). The platform makes its own session keys.
     */
    static final String BASELINE_PUBLIC_KEY = publicKey();

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int baselineRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // whatever ends the bench (done, an exception, Ctrl-C), nothing it started keeps running
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        System.out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());

        // 1. one function with plain `java -jar`, to first readiness answer (median of runs)
        Path baselineJar = jar(root, "create-ticket");
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        List<Double> baseline = new ArrayList<>();
        for (int i = 0; i < baselineRuns; i++) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(java, "-jar", baselineJar.toString(), "--server.port=" + port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort(),
                    "JWT_PUBLIC_KEY", BASELINE_PUBLIC_KEY, "K_SINK", "http://127.0.0.1:" + freePort() + "/", "PORT", "" + port));
            long start = System.nanoTime();
            Process p = pb.start();
            awaitOk("http://127.0.0.1:" + port + "/actuator/health/readiness", Duration.ofMinutes(5), p);
            double s = (System.nanoTime() - start) / 1e9;
            baseline.add(s);
            System.out.printf("plain java -jar %s: ready in %.2f s%n", baselineJar.getFileName(), s);
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        mongo.shutdownNow();
        double plain = median(baseline);

        // 2. the platform: a first start (trains the JVM caches when the jars are new), then the measured one
        Started first = startPlatform(root, orders);
        System.out.printf("platform first start (JVM caches trained if the jars changed): %.1f s%n", first.seconds);
        stop(first.process);
        Started platform = startPlatform(root, orders);
        System.out.printf("platform start: %.1f s = %.2f x plain java -jar (%.2f s); target <= 4%n",
                platform.seconds, platform.seconds / plain, plain);
        for (String url : platform.functionUrls) {
            if (status("GET", url + "/actuator/health/readiness", null, null) != 200) {
                throw new IllegalStateException(url + " did not answer");
            }
        }
        long idle = rss(platform.process.toHandle());
        System.out.printf("resident memory, all %d functions up and idle: %d MB (sum of VmRSS), %d MB (sum of Pss)%n",
                platform.functionUrls.size(), idle / 1024, pss(platform.process.toHandle()) / 1024);

        AtomicLong peak = new AtomicLong(idle);
        AtomicLong peakPss = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rss(platform.process.toHandle()), Math::max);
                peakPss.accumulateAndGet(pss(platform.process.toHandle()), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        // 3. order.created -> ticket shows orderId, one order at a time through the front door
        String front = platform.frontDoor;
        String seller = signup(front);
        String buyer = signup(front);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String body = post(front + "/api/tickets", "{\"title\":\"Bench " + i + "\",\"price\":10}", seller, 201);
            tickets.add(id(body));
        }
        List<Double> latencies = new ArrayList<>();
        List<Double> placing = new ArrayList<>();
        Instant began = Instant.now();
        for (String ticket : tickets) {
            String order;
            while (true) {
                long sent = System.nanoTime();
                HttpResponse<String> r = send("POST", front + "/api/orders", "{\"ticketId\":\"" + ticket + "\"}", buyer);
                if (r.statusCode() == 201) {
                    placing.add((System.nanoTime() - sent) / 1e6);
                    order = id(r.body());
                    break;
                }
                if (r.statusCode() != 404) {
                    throw new IllegalStateException("POST /api/orders: " + r.statusCode() + " " + r.body());
                }
                Thread.sleep(5); // place-order has not seen ticket.created yet
            }
            long created = System.nanoTime();
            while (true) {
                HttpResponse<String> t = send("GET", front + "/api/tickets/" + ticket, null, null);
                if (t.body().contains("\"orderId\":\"" + order + "\"")) {
                    break;
                }
                if (System.nanoTime() - created > 30_000_000_000L) {
                    throw new IllegalStateException("order " + order + " never reached ticket " + ticket);
                }
                Thread.sleep(2);
            }
            latencies.add((System.nanoTime() - created) / 1e6);
        }
        sampler.interrupt();
        Collections.sort(latencies);
        Collections.sort(placing);
        System.out.printf("%d orders in %d s: order.created -> ticket shows orderId (from the 201 of POST /api/orders):"
                + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; targets p50 <= 50, p99 <= 250%n",
                orders, Duration.between(began, Instant.now()).toSeconds(), pct(latencies, 50), pct(latencies, 90),
                pct(latencies, 99), latencies.getLast());
        System.out.printf("POST /api/orders itself: p50 %.1f ms, p99 %.1f ms%n", pct(placing, 50), pct(placing, 99));
        System.out.printf("resident memory peak during the run: %d MB (sum of VmRSS, target <= 2048), %d MB (sum of Pss)%n",
                peak.get() / 1024, peakPss.get() / 1024);
        stop(platform.process);
    }

    record Started(Process process, double seconds, String frontDoor, List<String> functionUrls) {
    }

    /**
     * {@code ./run} as a developer starts it (no build: the bench's script built first), except that one
     * buyer may hold {@code orders} open orders: the bench's one buyer holds every order it places.
     */
    static Started startPlatform(Path root, int orders) throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory("local-bench-");
        // --always-up: the memory "with every function up" and the warm hop are measured, not scale to zero
        ProcessBuilder pb = new ProcessBuilder(root.resolve("run").toString(), "--port", "" + port, "--base-port", "0",
                "--in-memory", "--always-up", "--data", data.toString()).directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().put("SKIP_BUILD", "1");
        pb.environment().put("TICKETING_ORDERS_MAX_OPEN_PER_BUYER", Integer.toString(Math.max(orders, 5)));
        long start = System.nanoTime();
        Process p = pb.start();
        List<String> urls = new ArrayList<>();
        Pattern ready = Pattern.compile("^\\s+\\S+\\s+(http://127\\.0\\.0\\.1:\\d+)\\s+ready in");
        // left open: a daemon thread keeps reading the platform's output once it is up
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = out.readLine()) != null) {
            System.out.println("  | " + line);
            Matcher m = ready.matcher(line);
            if (m.find() && !line.contains("the web client")) { // its probe is /healthz, not Actuator's
                urls.add(m.group(1));
            }
            if (line.startsWith("Ticketing is up")) {
                double seconds = (System.nanoTime() - start) / 1e9;
                Thread.ofPlatform().daemon().start(() -> drain(out));
                return new Started(p, seconds, "http://127.0.0.1:" + port, urls);
            }
        }
        throw new IllegalStateException("the platform exited with " + p.waitFor());
    }

    static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the pipe flowing
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Sum of VmRSS (kB) of the process and every descendant. */
    static long rss(ProcessHandle root) {
        return tree(root).stream().mapToLong(h -> procField(h.pid(), "status", "VmRSS:")).sum();
    }

    /** Sum of Pss (kB): shared pages counted once in total. */
    static long pss(ProcessHandle root) {
        return tree(root).stream().mapToLong(h -> procField(h.pid(), "smaps_rollup", "Pss:")).sum();
    }

    static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    static long procField(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", "" + pid, file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    static String signup(String front) throws Exception {
        HttpResponse<String> r = send("POST", front + "/api/users/signup",
                "{\"email\":\"bench-" + System.nanoTime() + "@test.com\",\"password\":\"password\"}", null);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("signup: " + r.statusCode() + " " + r.body());
        }
        String cookie = r.headers().firstValue("set-cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    static String post(String url, String body, String cookie, int expected) throws Exception {
        HttpResponse<String> r = send("POST", url, body, cookie);
        if (r.statusCode() != expected) {
            throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static HttpResponse<String> send(String method, String url, String body, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int status(String method, String url, String body, String cookie) {
        try {
            return send(method, url, body, cookie).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    static void awaitOk(String url, Duration timeout, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status("GET", url, null, null) != 200) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " never answered");
            }
            Thread.sleep(20);
        }
    }

    static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }

    static Path jar(Path root, String module) throws IOException {
        try (var files = Files.list(root.resolve("functions").resolve(module).resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[0-9].*\\.jar")).findFirst()
                    .orElseThrow();
        }
    }

    static String publicKey() {
        try {
            return Base64.getEncoder().encodeToString(
                    KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
