package dev.ticketing.local;

import dev.ticketing.testing.FakeStripe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The whole system on one machine: the embedded servers, the broker, every function as its own
 * process, the PingSource stand-in and the front door, started in that order and stopped in the
 * reverse order by {@link #close()}.
 */
final class Platform implements AutoCloseable {

    static final String FAKE_STRIPE_KEY = "sk_test_local_platform_0000000000000000";
    /** How long a request or delivery waits for a function that is starting (a cold start on a busy machine). */
    static final Duration ACTIVATION_WAIT = Duration.ofSeconds(60);

    private final PlatformOptions options;
    private final Consumer<String> out;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final SenderIssuer senders = new SenderIssuer();
    private final Map<String, FunctionProcess> functions = new ConcurrentHashMap<>();
    /** How each Service scales (its autoscaling annotations, or always up with --always-up). */
    private Map<String, FunctionProcess.Scaling> scaling;
    private Broker broker;
    private FrontDoor frontDoor;
    private String mongoUri;

    private volatile boolean closed;

    Platform(PlatformOptions options, Consumer<String> out) {
        this.options = options;
        this.out = out;
    }

    /** Starts everything and returns once every function is ready; on failure stops what was started. */
    void start() {
        try {
            startAll();
        } catch (RuntimeException e) {
            boolean stoppedMeanwhile = closed;
            close();
            if (stoppedMeanwhile && !(e instanceof PlatformFailure)) {
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Stopped while starting", e);
            }
            throw e;
        }
    }

    private void startAll() {
        long begin = System.nanoTime();
        if (closed) {
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Stopped");
        }
        Path root = options.root();
        Manifests manifests = Manifests.read(root.resolve("knative"));
        List<Trigger> triggers = manifests.triggers();
        // a PingSource the stand-in cannot follow stops the start here, before anything runs
        List<PingSourceSpec> pingSources = manifests.pingSources();
        Routes routes = Routes.from(manifests);
        if (triggers.isEmpty() || routes.routes().isEmpty()) {
            throw new PlatformFailure(PlatformFailure.USAGE, "No Knative Triggers or HTTPRoute found under "
                    + root.resolve("knative") + ": run from the repository root (or pass --root DIR)");
        }
        // the Knative Services of knative/ that are function modules; the others (the web client) are not
        List<FunctionModule> modules = FunctionModule.find(root, manifests);
        // how each Service scales, read now: an annotation the stand-in cannot follow stops the start here too
        scaling = Stream.concat(modules.stream().map(FunctionModule::name),
                Stream.of(WebClient.SERVICE)).collect(Collectors.toMap(name -> name, name -> options.alwaysUp()
                        ? FunctionProcess.Scaling.ALWAYS_UP : FunctionProcess.Scaling.of(manifests, name)));
        routes = routes.servedBy(Stream.concat(modules.stream().map(FunctionModule::name), Stream.of(WebClient.SERVICE))
                .collect(Collectors.toSet()));
        List<String> missing = modules.stream().filter(m -> !m.built()).map(m -> m.jar().toString()).toList();
        if (!missing.isEmpty()) {
            throw new PlatformFailure(PlatformFailure.NOT_BUILT, "Not built yet: " + String.join(", ", missing)
                    + "\nBuild with ./mvnw -DskipTests package (./run does it for you).");
        }

        Ports ports = Ports.of(options, modules.size());
        Path data = options.dataDir();
        Path logs = data.resolve("logs");

        Map<String, String> env = new LinkedHashMap<>();
        Stream.of("MONGODB_URI", "REDIS_URL", "STRIPE_KEY", "STRIPE_API_BASE", "ORDER_EXPIRATION_WINDOW")
                .filter(name -> options.env(name) != null).forEach(name -> env.put(name, options.env(name)));
        if (!env.containsKey("MONGODB_URI")) {
            EmbeddedMongo mongo = new EmbeddedMongo(ports.mongo(), options.inMemory() ? null : data.resolve("mongo.mv"));
            started.add(mongo);
            env.put("MONGODB_URI", mongo.uri());
        }
        if (!env.containsKey("REDIS_URL")) {
            EmbeddedRedis redis = new EmbeddedRedis(ports.redis(), options.inMemory() ? null : data.resolve("redis"));
            started.add(redis);
            env.put("REDIS_URL", redis.url());
        }
        if (!env.containsKey("STRIPE_KEY")) {
            FakeStripe stripe = FakeStripe.start(ports.stripe());
            started.add(stripe);
            env.put("STRIPE_KEY", FAKE_STRIPE_KEY);
            env.put("STRIPE_API_BASE", stripe.url());
        }
        mongoUri = env.get("MONGODB_URI");
        broker = new Broker(ports.broker(), triggers, this::activate, senders,
                new DeadLetterLog(logs.resolve("dead-letters.jsonl")), logs,
                new DeliveryLog(options.inMemory() ? null : data.resolve("broker.mv")));
        started.add(broker);
        env.put("K_SINK", broker.ingress().toString());
        SessionKeys sessionKeys = SessionKeys.of(options.env("JWT_PUBLIC_KEY"), options.env("JWT_PRIVATE_KEY"),
                options.inMemory() ? null : data);
        env.put("JWT_PUBLIC_KEY", sessionKeys.publicKey());
        env.put("SESSION_COOKIE_SECURE", "false");
        env.put("MALLOC_ARENA_MAX", "2");
        env.putAll(options.functionEnv());

        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        for (FunctionModule module : modules) {
            Map<String, String> moduleEnv = new LinkedHashMap<>(env);
            if (SESSION_ISSUERS.contains(module.name())) {
                moduleEnv.put("JWT_PRIVATE_KEY", sessionKeys.privateKey());
            }
            moduleEnv.putAll(senders.functionEnv(module.name(), data.resolve("secrets")));
            envs.put(module.name(), moduleEnv);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        JvmCache cache = new JvmCache(root.resolve("local").resolve("target").resolve("jvm-cache"), java,
                options.functionJavaOptions(), options.aotCache());
        Map<String, List<String>> launches = prepare(modules, cache, envs, logs);

        started.add(this::stopFunctions);
        for (int i = 0; i < modules.size(); i++) {
            String name = modules.get(i).name();
            List<String> command = new ArrayList<>(launches.get(name));
            command.add("--server.port=" + ports.functions().get(i));
            run(name, command, ports.functions().get(i), logs, envs.get(name), JvmCache.READINESS);
        }
        // its ingress is bound already; started once the functions it owes deliveries to can be activated
        broker.start();
        frontDoor = new FrontDoor(options.frontDoorPort(), routes, this::activate, senders);
        started.add(frontDoor);
        frontDoor.start();
        List<String> client = WebClient.command(root);
        FunctionProcess web = client == null ? null : run(WebClient.SERVICE, client, ports.client(), logs,
                WebClient.env("http://127.0.0.1:" + frontDoor.port(), options.env("STRIPE_PUBLISHABLE_KEY")),
                WebClient.PROBE);
        awaitReady(routes, triggers);
        if (web == null) {
            out.accept("  client: not served (" + WebClient.whyNotServed(root) + ")");
        }
        PingSources pings = new PingSources(pingSources, this::activate,
                name -> functions.containsKey(name) ? functions.get(name).urlIfRunning() : null, senders);
        started.add(pings);
        pings.start();
        ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("scale-to-zero").factory());
        started.add(idle::shutdownNow);
        idle.scheduleWithFixedDelay(() -> functions.values().forEach(FunctionProcess::stopIfIdle), 1, 1, TimeUnit.SECONDS);
        out.accept(String.format("Ticketing is up at %s  (%d functions in %.1f s; MongoDB %s, Redis %s, broker %s)",
                frontDoor.url(), functions.size(), (System.nanoTime() - begin) / 1e9, mongoUri, env.get("REDIS_URL"), broker.ingress()));
        out.accept("Logs in " + logs + "; dead letters in " + broker.deadLetters().file() + ". Ctrl-C stops everything.");
    }

    private Map<String, List<String>> prepare(List<FunctionModule> modules, JvmCache cache,
            Map<String, Map<String, String>> envs, Path logs) {
        List<FunctionModule> stale = modules.stream().filter(cache::stale).toList();
        if (!stale.isEmpty()) {
            out.accept("Preparing " + stale.size() + " function(s) for fast starts (once after each build): "
                    + stale.stream().map(FunctionModule::name).collect(Collectors.joining(", ")));
        }
        Map<String, List<String>> launches = new ConcurrentHashMap<>();
        all(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()), modules.stream()
                .<Runnable>map(module -> () -> launches.put(module.name(), cache.prepare(module, envs.get(module.name()),
                        logs.resolve(module.name() + ".prepare.log")))).toList(), "Preparing the functions failed: ");
        return launches;
    }

    /** Starts one Knative Service's process: always up with --always-up, else as its autoscaling annotations say. */
    private FunctionProcess run(String name, List<String> command, int port, Path logs, Map<String, String> env,
            String probe) {
        FunctionProcess function = new FunctionProcess(name, command, port, logs.resolve(name + ".log"), env, probe,
                scaling.get(name));
        functions.put(name, function);
        function.start();
        return function;
    }

    private void awaitReady(Routes routes, List<Trigger> triggers) {
        all(Executors.newVirtualThreadPerTaskExecutor(), functions.values().stream().<Runnable>map(function -> () -> {
            boolean web = function.name().equals(WebClient.SERVICE);
            try {
                function.awaitReady();
            } catch (PlatformFailure e) {
                if (!web) {
                    throw e;
                }
                // the API does not need the web client: report it and go on without it
                functions.remove(WebClient.SERVICE).stop();
                out.accept("  client: not served (" + e.getMessage() + ")");
                return;
            }
            out.accept(String.format("  %-15s %s  ready in %4.1f s  %s", function.name(), function.url(),
                    function.startup().toMillis() / 1000.0, web ? "the web client, at " + frontDoor.url() + "/"
                    : serves(function.name(), routes, triggers)));
        }).toList(), "");
    }

    /** Runs the tasks on {@code pool} and waits for all of them; a failure is rethrown as a {@link PlatformFailure}. */
    private static void all(ExecutorService pool, List<Runnable> tasks, String failed) {
        try (pool) {
            for (Future<?> task : tasks.stream().map(pool::submit).toList()) {
                task.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PlatformFailure failure ? failure
                    : new PlatformFailure(PlatformFailure.SERVER_FAILED, failed + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Interrupted");
        }
    }

    private static String serves(String service, Routes routes, List<Trigger> triggers) {
        return Stream.concat(routes.routes().stream().filter(r -> r.service().equals(service)).map(Routes.Route::toString),
                triggers.stream().filter(t -> service.equals(t.subscriber().service())).map(t -> t.subscriber().path()
                        + " <- " + t.attributes().get("type").text("*").replace("dev.ticketing.", "")))
                .collect(Collectors.joining("  "));
    }

    /** The functions that sign users in, the only ones given the session signing key. */
    private static final Set<String> SESSION_ISSUERS = Set.of("signup", "signin");

    String frontDoorUrl() {
        return frontDoor.url();
    }

    /** The issuer of every sender token this platform presents and accepts. */
    SenderIssuer senders() {
        return senders;
    }

    Broker broker() {
        return broker;
    }

    /** The MongoDB every function uses (the embedded one unless {@code MONGODB_URI} is set). */
    String mongoUri() {
        return mongoUri;
    }

    /** Every function process (and the web client's), whether running or scaled to zero. */
    java.util.Collection<FunctionProcess> functions() {
        return functions.values();
    }

    /**
     * The URL of a Knative Service, as the front door, the broker and the PingSources reach it: a
     * function is started when it is down (Knative's activator) and the caller waits for it, at most
     * {@link #ACTIVATION_WAIT}; null for no such Service.
     */
    private String activate(String service) {
        FunctionProcess function = functions.get(service);
        return function == null ? null : function.activate(ACTIVATION_WAIT);
    }

    /** Stops everything started, in reverse order; the functions together (SIGTERM, a kill after 10 s). */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
        started.clear();
        // whatever is left (a JVM cache being trained, a function started as close began)
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : left) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    private void stopFunctions() {
        functions.values().forEach(FunctionProcess::stop);
        functions.values().forEach(f -> f.awaitStopped(Duration.ofSeconds(10)));
    }

    /**
     * The ports of one run, checked free before anything starts: from {@code --base-port} the functions,
     * then the broker (+19), the Stripe stand-in (+20), MongoDB (+21), Redis (+22); base 0 takes free ports
     * (0 for the servers that bind at once: they take one when they start). The web client's is a free
     * port, chosen with the functions' when base is 0 so that no two of them get the same.
     */
    private record Ports(List<Integer> functions, int broker, int stripe, int mongo, int redis, int client) {

        static Ports of(PlatformOptions options, int count) {
            int base = options.basePort();
            if (count > 19 && base != 0) {
                throw new PlatformFailure(PlatformFailure.USAGE, "More than 19 functions: widen the port plan");
            }
            List<Integer> free = HttpServers.freePorts(base == 0 ? count + 2 : 1);
            Ports ports = base == 0 ? new Ports(free.subList(0, count), 0, 0, 0, free.get(count), free.get(count + 1))
                    : new Ports(IntStream.range(base, base + count).boxed().toList(), base + 19, base + 20, base + 21,
                            base + 22, free.getFirst());
            HttpServers.requireFree(options.frontDoorPort(), "front door");
            HttpServers.requireFree(ports.broker, "broker");
            HttpServers.requireFree(options.env("STRIPE_KEY") == null ? ports.stripe : 0, "Stripe stand-in");
            HttpServers.requireFree(options.env("MONGODB_URI") == null ? ports.mongo : 0, "MongoDB-compatible server");
            HttpServers.requireFree(options.env("REDIS_URL") == null ? ports.redis : 0, "Redis");
            for (int i = 0; base != 0 && i < count; i++) {
                HttpServers.requireFree(ports.functions.get(i), "function #" + (i + 1));
            }
            return ports;
        }
    }
}
