package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testing.HttpApi;
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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fault injection (issue 17): {@code kill -9} of a consuming function's process (update-ticket, which
 * applies {@code order.created} to the ticket) while orders are placed from several threads, twice.
 * The platform restarts it and the broker redelivers what it refused meanwhile: every ticket must show
 * its order within 60 s of update-ticket being back, and no event may be dead-lettered.
 *
 * <p>Runs only in the fault suite: {@code ./mvnw -B verify -pl local -am -Pfaults}.
 */
@Tag("fault")
@EnabledIfSystemProperty(named = "ticketing.faults", matches = "true")
class FunctionKillFaultTest {

    static final String VICTIM = "update-ticket";
    static final int ORDERS = 80;
    static final Set<Integer> KILL_AFTER = Set.of(15, 45);

    static Path data;
    static Platform platform;
    static HttpApi api;

    @BeforeAll
    static void start() throws Exception {
        data = Faults.freshDir("function-kill");
        platform = new Platform(Faults.platform(data), System.out::println);
        platform.start();
        api = new HttpApi(platform.frontDoorUrl());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyTicketShowsItsOrderWithin60sAfterItsConsumerIsKilledUnderLoad() throws Exception {
        FunctionProcess victim = platform.functions().stream().filter(f -> f.name().equals(VICTIM)).findFirst()
                .orElseThrow();
        String seller = Faults.signup(api);
        String buyer = Faults.signup(api);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            tickets.add(Faults.listTicket(api, seller, "Show " + i));
        }

        Map<String, String> orderOfTicket = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        Set<Long> killed = ConcurrentHashMap.newKeySet();
        Instant began = Instant.now();
        try (ExecutorService buyers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> orders = new ArrayList<>();
            for (String ticket : tickets) {
                orders.add(buyers.submit(() -> {
                    orderOfTicket.put(ticket, Faults.placeOrder(api, buyer, ticket).get("id").asString());
                    if (KILL_AFTER.contains(acknowledged.incrementAndGet())) {
                        killed.add(kill(victim));
                    }
                    return null;
                }));
            }
            for (Future<?> order : orders) {
                order.get();
            }
        }
        Duration placing = Duration.between(began, Instant.now());
        // recovery: update-ticket is up again after the last kill (the activator waits for its restart)
        victim.activate(Faults.CONVERGE);
        Instant recovered = Instant.now();

        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(tickets);
        Instant deadline = recovered.plus(Faults.CONVERGE);
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            pending.removeIf(ticket -> orderOfTicket.get(ticket).equals(Faults.orderIdOf(api, ticket)));
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        long converged = Faults.millisSince(recovered);
        int deadLetters = DeadLetter.in(platform.broker().deadLetters()).size();
        System.out.printf("FAULT function-kill: %s killed (SIGKILL) %d times (pids %s) while %d orders were placed"
                        + " from 8 threads in %d ms; orders acknowledged %d; tickets not showing their order (lost) %d;"
                        + " converged %d ms after %s was back (limit %d s); dead letters %d%n",
                VICTIM, killed.size(), killed, ORDERS, placing.toMillis(), orderOfTicket.size(), pending.size(),
                converged, VICTIM, Faults.CONVERGE.toSeconds(), deadLetters);
        assertThat(killed).hasSize(KILL_AFTER.size());
        assertThat(orderOfTicket).hasSize(ORDERS);
        assertThat(pending).as("tickets that never showed their order").isEmpty();
        assertThat(deadLetters).as("dead letters").isZero();
    }

    /** SIGKILLs the function's process (starting it first if it scaled to zero), and waits until it is gone; its pid. */
    static long kill(FunctionProcess function) throws InterruptedException {
        Process process = function.process();
        if (process == null) {
            function.activate(Faults.CONVERGE);
            process = function.process();
        }
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }
}
