package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fault injection (issue 17): the whole platform killed while tickets are listed. The platform runs as
 * {@code ./run} starts it, in a child JVM on a data directory (not in memory). The test first SIGKILLs
 * place-order, the consumer of {@code ticket.created}, unless it scaled to zero already, so that the
 * broker owes it the events of the listings that follow while the platform starts it again; then it SIGKILLs that JVM and every process it
 * started (the functions, redis-server: a machine losing power), and starts the platform again on the
 * same directory. Every ticket that was answered 201 must exist and be
 * orderable (place-order learned of it: its {@code ticket.created} was delivered) within 60 s of the
 * restart, with no dead letter.
 *
 * <p>Runs only in the fault suite: {@code ./mvnw -B verify -pl local -am -Pfaults}.
 */
@Tag("fault")
@EnabledIfSystemProperty(named = "ticketing.faults", matches = "true")
class PlatformKillFaultTest {

    static final int WRITERS = 4;
    static final int KILL_AFTER = 40;
    static final String UP = "Ticketing is up at ";

    static Path data;
    static ChildJvm platform;

    @BeforeAll
    static void prepare() throws IOException {
        data = Faults.freshDir("platform-kill");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (platform != null) {
            killTree(platform);
        }
    }

    /** {@code ./run --port 0 --base-port 0 --data <data> --no-aot}; its front door's URL once it is up. */
    static String startPlatform(String run) throws IOException {
        platform = ChildJvm.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LocalPlatform.class.getName(),
                "--port", "0", "--base-port", "0", "--data", data.toString(), "--no-aot", "--root",
                Faults.ROOT.toString()), Map.of(Faults.MAX_OPEN_ORDERS, Faults.NO_ORDER_LIMIT), data.resolve("platform-" + run + ".log"));
        String line;
        do {
            line = platform.readLine();
            System.out.println("platform " + run + ": " + line);
        } while (!line.startsWith(UP));
        String url = line.substring(UP.length()).split("\\s+")[0];
        ChildJvm child = platform;
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    child.readLine();
                }
            } catch (IOException e) {
                // it exited
            }
        });
        return url;
    }

    /** SIGKILL to the platform's JVM, then to every process it had started, as when the machine dies. */
    static int killTree(ChildJvm child) throws InterruptedException {
        List<ProcessHandle> started = child.process.descendants().toList();
        child.kill();
        started.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : started) {
            p.onExit().join();
        }
        return started.size();
    }

    /**
     * SIGKILL to place-order's process if it runs (it may have scaled to zero already): either way the
     * broker owes it the events of the next listings until the platform has started it again; whether it ran.
     */
    static boolean killConsumer(ChildJvm child) {
        List<ProcessHandle> placeOrder = child.process.descendants()
                .filter(p -> commandLine(p).contains("/place-order-")).toList();
        placeOrder.forEach(ProcessHandle::destroyForcibly);
        placeOrder.forEach(p -> p.onExit().join());
        return !placeOrder.isEmpty();
    }

    /** From {@code /proc} (Linux): {@link ProcessHandle.Info#commandLine()} may leave the arguments out. */
    static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void everyTicketAnswered201ExistsAndIsOrderableWithin60sOfARestartAfterThePlatformIsKilled() throws Exception {
        HttpApi first = new HttpApi(startPlatform("first"));
        String seller = Faults.signup(first);
        String buyer = Faults.signup(first);

        boolean consumerKilled = killConsumer(platform);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        int[] processesKilled = new int[1];
        Instant[] killedAt = new Instant[1];
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        try {
                            Response listed = first.post("/api/tickets", "{\"title\":\"Show " + writer + "-" + i
                                    + "\",\"price\":20}", "Cookie", seller);
                            if (listed.status() == 201) {
                                acknowledged.add(listed.json().get("id").asString());
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (UncheckedIOException e) {
                            failed.incrementAndGet();
                        }
                        if (acknowledged.size() >= KILL_AFTER && killed.compareAndSet(false, true)) {
                            killedAt[0] = Instant.now();
                            processesKilled[0] = killTree(platform);
                        }
                    }
                    return null;
                });
            }
        }
        assertThat(killed).isTrue();
        List<String> tickets = new ArrayList<>(acknowledged);

        Instant restarting = Instant.now();
        HttpApi restarted = new HttpApi(startPlatform("restarted"));
        Instant recovered = Instant.now();

        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(tickets);
        Set<String> unorderable = ConcurrentHashMap.newKeySet();
        unorderable.addAll(tickets);
        Instant deadline = recovered.plus(Faults.CONVERGE);
        while (!unorderable.isEmpty() && Instant.now().isBefore(deadline)) {
            missing.removeIf(ticket -> restarted.get("/api/tickets/" + ticket).status() == 200);
            unorderable.removeIf(ticket -> !missing.contains(ticket) && restarted.post("/api/orders",
                    "{\"ticketId\":\"" + ticket + "\"}", "Cookie", buyer).status() == 201);
            if (!unorderable.isEmpty()) {
                Thread.sleep(500);
            }
        }
        long converged = Faults.millisSince(recovered);
        Path deadLetterLog = data.resolve("logs").resolve("dead-letters.jsonl");
        long deadLetters = Files.exists(deadLetterLog) ? Files.readAllLines(deadLetterLog).stream()
                .filter(l -> !l.isBlank()).count() : 0;
        System.out.printf("FAULT platform-kill: place-order %s, then the platform JVM and its %d"
                        + " processes killed (SIGKILL) at %s after %d"
                        + " tickets were acknowledged (%d writers; %d requests failed or cut); restarted on the same"
                        + " data in %d ms; tickets acknowledged %d, missing %d, never orderable (event lost) %d;"
                        + " converged %d ms after the restart (limit %d s); dead letters %d%n",
                consumerKilled ? "killed (SIGKILL)" : "scaled to zero", processesKilled[0], killedAt[0], KILL_AFTER, WRITERS, failed.get(),
                Duration.between(restarting, recovered).toMillis(), tickets.size(), missing.size(), unorderable.size(),
                converged, Faults.CONVERGE.toSeconds(), deadLetters);
        assertThat(tickets).hasSizeGreaterThanOrEqualTo(KILL_AFTER);
        assertThat(missing).as("acknowledged tickets lost").isEmpty();
        assertThat(unorderable).as("tickets place-order never learned of").isEmpty();
        assertThat(deadLetters).as("dead letters").isZero();
    }
}
