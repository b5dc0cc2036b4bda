package dev.ticketing.bench;

import dev.ticketing.bench.ColdStart.Probe;
import dev.ticketing.bench.Http.Request;
import dev.ticketing.bench.Http.Response;
import dev.ticketing.bench.Servers.ReceivedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The first request of each module, and the data it needs beforehand. Data is made the way users and
 * the broker make it: by the functions themselves (a plain {@code java -jar} instance started once),
 * with events relayed from the sink to their consumers, so the probes follow the real contract.
 *
 * <ul>
 *   <li>signup: {@code POST /api/users/signup} (a fresh email each time) - 201</li>
 *   <li>signin: {@code POST /api/users/signin} (an account signup made) - 200</li>
 *   <li>create-ticket: {@code POST /api/tickets} - 201</li>
 *   <li>update-ticket: {@code PUT /api/tickets/{id}} (the seller's ticket) - 200</li>
 *   <li>browse-tickets: {@code GET /api/tickets/{id}} - 200</li>
 *   <li>place-order: {@code POST /api/orders} (a ticket synced from {@code ticket.created}) - 201</li>
 *   <li>cancel-order: {@code DELETE /api/orders/{id}} (the buyer's order) - 204</li>
 *   <li>browse-orders: {@code GET /api/orders} - 200</li>
 *   <li>complete-order: CloudEvent {@code charge.created} to {@code /completeOrder} - 202</li>
 *   <li>expire-order: CloudEvent {@code order.created} to {@code /scheduleExpiry} - 202</li>
 *   <li>charge: CloudEvent {@code order.created} to {@code /syncOrder} - 202 (its HTTP route needs
 *       Stripe, which these machines cannot reach)</li>
 * </ul>
 */
final class Seeds {

    static final String SELLER = "5eed00000000000000000001";
    static final String SELLER_EMAIL = "seller@bench.dev";
    static final String BUYER = "5eed00000000000000000002";
    static final String BUYER_EMAIL = "buyer@bench.dev";
    static final String ACCOUNT_EMAIL = "seed@bench.dev";
    static final String ACCOUNT_PASSWORD = "bench-pass";

    private final ColdStart bench;
    private final Servers servers;
    private boolean account;
    private final List<String> tickets = new ArrayList<>();
    private final List<String> orderableTickets = new ArrayList<>();
    private final List<String> orders = new ArrayList<>();
    private int nextOrderable;
    private int nextOrder;

    Seeds(ColdStart bench, Servers servers) {
        this.bench = bench;
        this.servers = servers;
    }

    Probe probeFor(String module, int needed) throws Exception {
        return switch (module) {
            case "signup" -> attempt -> post("/api/users/signup",
                    "{\"email\":\"u" + UUID.randomUUID().toString().substring(0, 12) + "@bench.dev\",\"password\":\""
                            + ACCOUNT_PASSWORD + "\"}", Map.of());
            case "signin" -> {
                seedAccount();
                yield attempt -> post("/api/users/signin",
                        "{\"email\":\"" + ACCOUNT_EMAIL + "\",\"password\":\"" + ACCOUNT_PASSWORD + "\"}", Map.of());
            }
            case "create-ticket" -> attempt -> post("/api/tickets",
                    "{\"title\":\"Cold start " + attempt + "\",\"price\":20}", seller());
            case "update-ticket" -> {
                String ticket = seedTickets(1).getFirst();
                yield attempt -> new Request("PUT", "/api/tickets/" + ticket, seller(),
                        "{\"title\":\"Edited " + UUID.randomUUID().toString().substring(0, 8) + "\",\"price\":25}");
            }
            case "browse-tickets" -> {
                String ticket = seedTickets(1).getFirst();
                yield attempt -> Request.get("/api/tickets/" + ticket, Map.of());
            }
            case "place-order" -> {
                seedOrderable(needed);
                yield attempt -> post("/api/orders", "{\"ticketId\":\"" + nextOrderable() + "\"}", buyer());
            }
            case "cancel-order" -> {
                seedOrders(needed);
                yield attempt -> new Request("DELETE", "/api/orders/" + nextOrder(), buyer(), null);
            }
            case "browse-orders" -> attempt -> Request.get("/api/orders", buyer());
            case "complete-order" -> {
                seedOrders(needed);
                yield attempt -> {
                    String order = nextOrder();
                    String charge = ColdStart.objectId();
                    return event("/completeOrder", "dev.ticketing.charge.created", "/functions/charge", charge,
                            "{\"id\":\"" + charge + "\",\"orderId\":\"" + order + "\",\"stripeId\":\"pi_bench_"
                                    + charge + "\",\"amount\":2000,\"currency\":\"usd\"}");
                };
            }
            case "expire-order" -> {
                List<ReceivedEvent> created = orderCreatedEvents(1);
                yield attempt -> relay("/scheduleExpiry", created.get(attempt % created.size()));
            }
            case "charge" -> {
                List<ReceivedEvent> created = orderCreatedEvents(1);
                yield attempt -> relay("/syncOrder", created.get(attempt % created.size()));
            }
            default -> throw new IllegalArgumentException("no probe for " + module);
        };
    }

    private static Request post(String path, String body, Map<String, String> headers) {
        return new Request("POST", path, headers, body);
    }

    private static Map<String, String> seller() {
        return Map.of("Authorization", Sessions.bearer(SELLER, SELLER_EMAIL));
    }

    private static Map<String, String> buyer() {
        return Map.of("Authorization", Sessions.bearer(BUYER, BUYER_EMAIL));
    }

    /** A binary-mode CloudEvent, as a Knative broker delivers it. */
    static Request event(String path, String type, String source, String subject, String data) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", Senders.bearer());
        headers.put("Ce-Specversion", "1.0");
        headers.put("Ce-Id", UUID.randomUUID().toString());
        headers.put("Ce-Type", type);
        headers.put("Ce-Source", source);
        headers.put("Ce-Subject", subject);
        headers.put("Ce-Partitionkey", subject);
        return new Request("POST", path, headers, data);
    }

    /** Delivers an event the sink received, with its own id (a broker redelivery keeps it). */
    static Request relay(String path, ReceivedEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        event.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("authorization")) {
                headers.put(name, value);
            }
        });
        headers.putIfAbsent("content-type", "application/json");
        headers.put("Authorization", Senders.bearer());
        return new Request("POST", path, headers, new String(event.body(), StandardCharsets.UTF_8));
    }

    private String nextOrderable() {
        return orderableTickets.get(nextOrderable++ % orderableTickets.size());
    }

    private String nextOrder() {
        return orders.get(nextOrder++ % orders.size());
    }

    // ---- seeding through the functions themselves ----

    private void seedAccount() throws Exception {
        if (account) {
            return;
        }
        try (Instance signup = start("signup")) {
            Response r = signup.send(post("/api/users/signup",
                    "{\"email\":\"" + ACCOUNT_EMAIL + "\",\"password\":\"" + ACCOUNT_PASSWORD + "\"}", Map.of()));
            if (r.status() != 201 && r.status() != 400) {
                throw new IOException("seeding an account: " + r.status() + " " + r.body());
            }
        }
        account = true;
    }

    private List<String> seedTickets(int count) throws Exception {
        if (tickets.size() < count) {
            try (Instance create = start("create-ticket")) {
                while (tickets.size() < count) {
                    tickets.add(createTicket(create));
                }
            }
        }
        return tickets.subList(0, count);
    }

    private static String createTicket(Instance create) throws IOException {
        Response r = create.send(post("/api/tickets", "{\"title\":\"Seed ticket\",\"price\":20}", seller()));
        String id = r.status() == 201 ? ColdStart.jsonString(r.body(), "id") : null;
        if (id == null) {
            throw new IOException("seeding a ticket: " + r.status() + " " + r.body());
        }
        return id;
    }

    /** Tickets that place-order knows (its view synced from the real {@code ticket.created} events). */
    private void seedOrderable(int count) throws Exception {
        if (orderableTickets.size() - nextOrderable >= count) {
            return;
        }
        List<String> fresh = new ArrayList<>();
        try (Instance create = start("create-ticket")) {
            for (int i = 0; i < count; i++) {
                fresh.add(createTicket(create));
            }
        }
        List<ReceivedEvent> created = servers.received("dev.ticketing.ticket.created").stream()
                .filter(e -> fresh.contains(e.headers().get("ce-subject"))).toList();
        if (created.size() < fresh.size()) {
            throw new IOException("create-ticket published " + created.size() + " ticket.created events for "
                    + fresh.size() + " tickets");
        }
        try (Instance place = start("place-order")) {
            for (ReceivedEvent event : created) {
                Response r = place.send(relay("/syncTicket", event));
                if (r.status() / 100 != 2) {
                    throw new IOException("syncTicket: " + r.status() + " " + r.body());
                }
            }
        }
        orderableTickets.addAll(fresh);
    }

    /** Orders of the buyer, placed through place-order. */
    private void seedOrders(int count) throws Exception {
        if (orders.size() - nextOrder >= count) {
            return;
        }
        seedOrderable(count);
        try (Instance place = start("place-order")) {
            for (int i = 0; i < count; i++) {
                Response r = place.send(post("/api/orders", "{\"ticketId\":\"" + nextOrderable() + "\"}", buyer()));
                String id = r.status() == 201 ? ColdStart.jsonString(r.body(), "id") : null;
                if (id == null) {
                    throw new IOException("seeding an order: " + r.status() + " " + r.body());
                }
                orders.add(id);
            }
        }
    }

    private List<ReceivedEvent> orderCreatedEvents(int count) throws Exception {
        if (servers.received("dev.ticketing.order.created").size() < count) {
            seedOrders(count);
        }
        return servers.received("dev.ticketing.order.created");
    }

    private Instance start(String module) throws Exception {
        Path jar = bench.jarOf(module).orElseThrow(() -> new IOException(
                "seeding needs functions/" + module + " built"));
        return new Instance(bench, module, jar);
    }

    /** A function started once (plain java -jar) to make data; waits for its readiness probe. */
    static final class Instance implements AutoCloseable {
        private final Process process;
        private final int port;

        Instance(ColdStart bench, String module, Path jar) throws Exception {
            port = Servers.freePort();
            Path log = bench.logFile(module + "-seeding");
            process = bench.start(List.of(bench.java(), "-jar", jar.toString()), port, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException(module + " (seeding) exited; see " + log);
                }
                try {
                    if (Http.send(port, Request.get("/actuator/health/readiness", Map.of()), 30_000).status() == 200) {
                        ColdStart.log("  seeding with " + module);
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new IOException(module + " (seeding) did not start");
        }

        Response send(Request request) throws IOException {
            return Http.send(port, request, 30_000);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
