package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the fault-injection tests ({@code *FaultTest}, JUnit tag {@code fault}, Maven profile
 * {@code faults}) share: their data directory, the buyer's and seller's requests, and the limit they
 * all hold the system to (converged within {@link #CONVERGE} of recovery).
 */
final class Faults {

    static final Duration CONVERGE = Duration.ofSeconds(60);
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** One buyer orders every ticket of a test: no limit on open orders in its way. */
    static final String MAX_OPEN_ORDERS = "TICKETING_ORDERS_MAX_OPEN_PER_BUYER";
    static final String NO_ORDER_LIMIT = "100000";

    private Faults() {
    }

    /** The platform as {@code ./run} starts it, on free ports, kept in memory with its logs in {@code data}. */
    static PlatformOptions platform(Path data) {
        return PlatformOptions.parse(new String[] {"--port", "0", "--base-port", "0", "--in-memory", "--data",
                        data.toString(), "--no-aot"}, ROOT)
                .withEnv("JWT_PUBLIC_KEY", null).withEnv("JWT_PRIVATE_KEY", null)
                .withEnv("STRIPE_KEY", null).withEnv("STRIPE_API_BASE", null)
                .withFunctionEnv(MAX_OPEN_ORDERS, NO_ORDER_LIMIT);
    }

    /** {@code target/faults/<name>}, emptied; kept after the run (function logs, dead letters) for inspection. */
    static Path freshDir(String name) throws IOException {
        Path data = Path.of("target", "faults", name).toAbsolutePath();
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(data);
        return data;
    }

    /** A new account's session cookie. */
    static String signup(HttpApi api) {
        Response response = api.post("/api/users/signup", "{\"email\":\"" + UUID.randomUUID() + "@test.com\","
                + "\"password\":\"password\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.sessionCookie();
    }

    /** Lists a ticket; its id. */
    static String listTicket(HttpApi api, String seller, String title) {
        Response response = api.post("/api/tickets", "{\"title\":\"" + title + "\",\"price\":20}", "Cookie", seller);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    /** Places an order, asking again while place-order has not heard of the ticket yet; the order. */
    static JsonNode placeOrder(HttpApi api, String buyer, String ticket) {
        Response[] answer = new Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer[0] = api.post("/api/orders", "{\"ticketId\":\"" + ticket + "\"}", "Cookie", buyer);
            return answer[0].status() != 404;
        });
        assertThat(answer[0].status()).as(answer[0].body()).isEqualTo(201);
        return answer[0].json();
    }

    /** The {@code orderId} a ticket shows, or null (no such ticket, or not reserved). */
    static String orderIdOf(HttpApi api, String ticket) {
        Response shown = api.get("/api/tickets/" + ticket);
        return shown.status() == 200 && shown.json().has("orderId") ? shown.json().get("orderId").asString() : null;
    }

    static long millisSince(Instant from) {
        return Duration.between(from, Instant.now()).toMillis();
    }
}
