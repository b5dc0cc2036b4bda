package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole system as {@code ./run} starts it (every function its own process, embedded servers,
 * the broker reading {@code knative/}, the PingSource stand-in), driven only through the front door
 * as a browser would. Orders expire after {@value #WINDOW_SECONDS} s here.
 */
class PlatformEndToEndTest {

    static final int WINDOW_SECONDS = 30;
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path data;
    static Platform platform;
    static HttpApi api;

    @BeforeAll
    static void startPlatform() {
        PlatformOptions options = PlatformOptions.parse(new String[] {"--port", "0", "--base-port", "0", "--in-memory",
                        "--data", data.toString(), "--no-aot"}, ROOT)
                .withEnv("ORDER_EXPIRATION_WINDOW", WINDOW_SECONDS + "s")
                .withEnv("JWT_PUBLIC_KEY", null).withEnv("JWT_PRIVATE_KEY", null)
                .withEnv("STRIPE_KEY", null).withEnv("STRIPE_API_BASE", null);
        platform = new Platform(options, System.out::println);
        platform.start();
        api = new HttpApi(platform.frontDoorUrl());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void sellsATicketThroughTheFrontDoorAndExpiresAnUnpaidOrder() throws Exception {
        String seller = signup();
        String buyer = signup();
        String otherBuyer = signup();

        // an order left unpaid, placed first so that it expires while the other one is paid
        String unpaidTicket = listTicket(seller, "Unpaid show", 15);
        String unpaidOrder = placeOrder(buyer, unpaidTicket);
        awaitReservedBy(unpaidTicket, unpaidOrder);

        String ticket = listTicket(seller, "Concert", 20);
        String order = placeOrder(buyer, ticket);
        awaitReservedBy(ticket, order);
        Response edit = api.put("/api/tickets/" + ticket, "{\"title\":\"Changed\",\"price\":30}", "Cookie", seller);
        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.errorMessage()).isEqualTo("Cannot edit a reserved ticket");
        Response second = api.post("/api/orders", "{\"ticketId\":\"" + ticket + "\"}", "Cookie", otherBuyer);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.errorMessage()).isEqualTo("Ticket is already reserved");
        assertThat(listedIds()).doesNotContain(ticket, unpaidTicket);

        Response payment = api.post("/api/payments", "{\"orderId\":\"" + order + "\",\"token\":\"tok_visa\"}",
                "Cookie", buyer);
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(orderStatus(buyer, order)).isEqualTo("complete"));

        // the unpaid order expires on its own: the ticket is listed and orderable again
        await().atMost(Duration.ofSeconds(WINDOW_SECONDS + 30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(orderStatus(buyer, unpaidOrder)).isEqualTo("cancelled"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(listedIds()).contains(unpaidTicket);
            assertThat(api.get("/api/tickets/" + unpaidTicket).json().has("orderId")).isFalse();
        });
        Response late = api.post("/api/payments", "{\"orderId\":\"" + unpaidOrder + "\",\"token\":\"tok_visa\"}",
                "Cookie", buyer);
        assertThat(late.status()).as(late.body()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.post("/api/orders",
                "{\"ticketId\":\"" + unpaidTicket + "\"}", "Cookie", otherBuyer).status()).isEqualTo(201));

        assertThat(orderStatus(buyer, order)).isEqualTo("complete");
        assertThat(DeadLetter.in(platform.broker().deadLetters())).isEmpty();
        assertThat(Files.exists(data.resolve("logs").resolve("place-order.log"))).isTrue();
    }

    @Test
    void appliesNoForgedEventAtTheFunctionsOrTheBrokerIngress() {
        String seller = signup();
        String buyer = signup();
        String ticket = listTicket(seller, "Gold seat", 999_999);
        String other = listTicket(seller, "Silver seat", 500);
        String order = placeOrder(buyer, ticket);
        awaitReservedBy(ticket, order);
        String wrongAudience = platform.senders().token("another-function", SenderIssuer.subject("Trigger", "x"));

        // an unpaid order marked complete
        String charge = "{\"id\":\"" + HttpApi.newId() + "\",\"orderId\":\"" + order
                + "\",\"stripeId\":\"pi_forged\",\"amount\":50,\"currency\":\"usd\"}";
        assertForgedRefused("complete-order", "/completeOrder", "dev.ticketing.charge.created", charge, wrongAudience);
        // a ticket's price forged where orders are priced
        String price = "{\"id\":\"" + other + "\",\"title\":\"Silver seat\",\"price\":0.5,\"userId\":\"x\","
                + "\"version\":1}";
        assertForgedRefused("place-order", "/syncTicket", "dev.ticketing.ticket.updated", price, wrongAudience);
        // someone else's ticket locked
        String lock = "{\"id\":\"" + HttpApi.newId() + "\",\"userId\":\"x\",\"status\":\"created\","
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"version\":0,\"ticket\":{\"id\":\"" + other
                + "\",\"price\":5}}";
        assertForgedRefused("update-ticket", "/reserveTicket", "dev.ticketing.order.created", lock, wrongAudience);
        // a PingSource tick
        assertForgedRefused("expire-order", "/expireOrders", "dev.knative.sources.ping", "{}", wrongAudience);

        HttpApi ingress = new HttpApi(platform.broker().ingress().toString());
        assertThat(ingress.post("", charge, "Ce-Specversion", "1.0", "Ce-Id", HttpApi.newId(), "Ce-Source", "/x",
                "Ce-Type", "dev.ticketing.charge.created").status()).isEqualTo(401);
        assertThat(ingress.post("", charge, "Ce-Specversion", "1.0", "Ce-Id", HttpApi.newId(), "Ce-Source", "/x",
                "Ce-Type", "dev.ticketing.charge.created", "Authorization", "Bearer " + wrongAudience).status())
                .isEqualTo(401);

        assertThat(orderStatus(buyer, order)).isEqualTo("created");
        assertThat(api.get("/api/tickets/" + other).json().has("orderId")).isFalse();
        Response placed = api.get("/api/orders/" + placeOrder(buyer, other), "Cookie", buyer);
        assertThat(placed.json().get("ticket").get("price").asDouble()).isEqualTo(500);
    }

    /**
     * A developer's hand-made event, as docs/local-platform.md shows it: through the front door's
     * {@code /invoke/<function>/<path>} it reaches the function signed by the platform and is applied;
     * the same event sent straight to the function, unsigned, is refused.
     */
    @Test
    void appliesAnEventADeveloperInvokesThroughTheFrontDoorAndRefusesItUnsignedAtTheFunction() {
        String buyer = signup();
        String buyerId = api.get("/api/users/currentuser", "Cookie", buyer).json().get("currentUser").get("id")
                .asString();
        String ticket = HttpApi.newId();
        String created = "{\"id\":\"" + ticket + "\",\"version\":0,\"title\":\"By hand\",\"price\":12,"
                + "\"userId\":\"" + buyerId + "\"}";
        assertThat(api.post("/api/orders", "{\"ticketId\":\"" + ticket + "\"}", "Cookie", buyer).status())
                .as("a ticket place-order never heard of").isEqualTo(404);

        String placeOrder = platform.functions().stream().filter(f -> f.name().equals("place-order")).findFirst()
                .orElseThrow().activate(Duration.ofSeconds(60));
        Response unsigned = new HttpApi(placeOrder).binaryEvent("/syncTicket", HttpApi.newId(),
                "dev.ticketing.ticket.created", "/developer", created, null);
        Response invoked = api.binaryEvent("/invoke/place-order/syncTicket", HttpApi.newId(),
                "dev.ticketing.ticket.created", "/developer", created, "not-a-platform-token");

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(invoked.status()).as(invoked.body()).isEqualTo(202);
        Response ordered = api.post("/api/orders", "{\"ticketId\":\"" + ticket + "\"}", "Cookie", buyer);
        assertThat(ordered.status()).as(ordered.body()).isEqualTo(400);
        assertThat(ordered.errorMessage()).isEqualTo("You cannot order your own ticket");
    }

    @Test
    void followsTheReadmeRecipeForInvokingAFunctionAtItsRootByHand() {
        String seller = signup();
        String buyer = signup();
        Response listed = api.post("/api/tickets", "{\"title\":\"At the root\",\"price\":20}", "Cookie", seller);
        assertThat(listed.status()).as(listed.body()).isEqualTo(201);
        String ticket = listed.json().get("id").asString();
        // the ticket.created create-ticket published, once more by hand (the broker delivers it too: a duplicate
        // changes nothing, so no other function ends up with a ticket it never heard of)
        String created = "{\"id\":\"" + ticket + "\",\"version\":0,\"title\":\"At the root\",\"price\":20,"
                + "\"userId\":\"" + listed.json().get("userId").asString() + "\"}";

        // func invoke --target http://localhost:8080/invoke/place-order --format cloudevent ...: routed by its type
        Response event = api.structuredEvent("/invoke/place-order", HttpApi.newId(), "dev.ticketing.ticket.created",
                "/functions/create-ticket", created, null);
        assertThat(event.status()).as(event.body()).isEqualTo(202);
        // plain JSON at the root is the main command, POST /api/orders, and needs a session as that route does
        String order = "{\"ticketId\":\"" + ticket + "\"}";
        assertThat(api.post("/invoke/place-order/", order).status()).isEqualTo(401);
        Response placed = api.post("/invoke/place-order/", order, "Cookie", buyer);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().get("ticket").get("id").asString()).isEqualTo(ticket);
        assertThat(placed.json().get("status").asString()).isEqualTo("created");
    }

    /** Posts {@code data} as a {@code type} event to {@code function}'s own URL: unsigned, then for another audience. */
    static void assertForgedRefused(String function, String path, String type, String data, String wrongAudience) {
        // the function's own URL, starting it if it scaled to zero
        String url = platform.functions().stream().filter(f -> f.name().equals(function)).findFirst().orElseThrow()
                .activate(Duration.ofSeconds(60));
        HttpApi direct = new HttpApi(url);
        assertThat(direct.binaryEvent(path, HttpApi.newId(), type, "/forged", data, null).status())
                .as(function + path + " unsigned").isEqualTo(401);
        assertThat(direct.structuredEvent(path, HttpApi.newId(), type, "/forged", data, null).status())
                .as(function + path + " unsigned, structured").isEqualTo(401);
        assertThat(direct.binaryEvent(path, HttpApi.newId(), type, "/forged", data, wrongAudience).status())
                .as(function + path + " for another audience").isEqualTo(401);
    }

    @Test
    void answersUnknownApiRoutesWithTheApiNotFoundError() {
        Response response = api.get("/api/no/such/route");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorMessage()).isEqualTo("Not Found");
    }

    @Test
    void servesTheBuiltWebClientAtEveryPathOutsideTheApi() {
        assumeTrue(WebClient.command(ROOT) != null,
                "client/ is not built (client/.next/standalone/server.js) or node is not on the PATH");

        Response health = api.get("/healthz");
        Response home = api.get("/");

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("content-type")).startsWith("text/html");
        assertThat(api.get("/api/no/such/route").errorMessage()).isEqualTo("Not Found");
    }

    /** Signs a new user up; returns the {@code Cookie} header of their session. */
    static String signup() {
        Response response = api.post("/api/users/signup", "{\"email\":\"" + UUID.randomUUID() + "@test.com\","
                + "\"password\":\"password\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("set-cookie")).doesNotContain("Secure");
        return response.sessionCookie();
    }

    static String listTicket(String seller, String title, int price) {
        Response response = api.post("/api/tickets", "{\"title\":\"" + title + "\",\"price\":" + price + "}",
                "Cookie", seller);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    /** Places an order, waiting until the ticket's creation reached place-order. */
    static String placeOrder(String buyer, String ticket) {
        Response[] placed = new Response[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            placed[0] = api.post("/api/orders", "{\"ticketId\":\"" + ticket + "\"}", "Cookie", buyer);
            return placed[0].status() != 404;
        });
        assertThat(placed[0].status()).as(placed[0].body()).isEqualTo(201);
        assertThat(placed[0].json().get("status").asString()).isEqualTo("created");
        return placed[0].json().get("id").asString();
    }

    /** Waits for the order's event to reach update-ticket (which may first have to start again from zero). */
    static void awaitReservedBy(String ticket, String order) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode shown = api.get("/api/tickets/" + ticket).json();
            assertThat(shown.has("orderId") ? shown.get("orderId").asString() : null).isEqualTo(order);
        });
    }

    static java.util.List<String> listedIds() {
        Response list = api.get("/api/tickets");
        assertThat(list.status()).isEqualTo(200);
        JsonNode body = list.json();
        JsonNode items = body.isArray() ? body : body.get("tickets");
        return StreamSupport.stream(items.spliterator(), false).map(t -> t.get("id").asString()).toList();
    }

    static String orderStatus(String buyer, String order) {
        Response response = api.get("/api/orders/" + order, "Cookie", buyer);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("status").asString();
    }
}
