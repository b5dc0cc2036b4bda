package dev.ticketing.bench;

import dev.ticketing.bench.Http.Request;
import dev.ticketing.bench.Http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What a function serves while its JDK AOT cache is trained, so the cache holds the classes and
 * profiles of a request too (the web server, the handler, JSON, the database driver's commands, the
 * event publisher), not only those of the context refresh. Self-contained: random ids and a session
 * minted with the training's {@code JWT_KEY}, no data seeded beforehand, so the image build
 * ({@code train-image.sh}) and the benchmark ({@code ColdStart}) train alike. Any answer counts (a
 * 404 for an unknown ticket still runs the lookup); only a server that never answers fails.
 *
 * <p>{@code TrainingWorkload <module> <port>}: waits for the port, sends the module's requests, exits.
 * {@code TrainingWorkload --jwt-key} prints the key the sessions are signed with (the function under
 * training must get it as {@code JWT_KEY}); {@code --free-port} prints a free loopback port.
 */
public final class TrainingWorkload {

    private TrainingWorkload() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "--jwt-key" -> System.out.println(ColdStart.JWT_KEY);
            case "--free-port" -> System.out.println(Servers.freePort());
            default -> train(args);
        }
    }

    private static void train(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        int answered = run(args[0], port, TimeUnit.SECONDS.toNanos(600), null);
        System.out.println("training workload: " + answered + " requests answered by " + args[0]);
    }

    /**
     * Sends the module's requests once the server listens; returns how many it answered.
     *
     * @param alive when not null, checked while waiting: training fails as soon as the process is gone
     */
    static int run(String module, int port, long timeoutNanos, Process alive) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        List<Request> requests = requests(module);
        int answered = 0;
        for (Request request : requests) {
            while (true) {
                if (alive != null && !alive.isAlive()) {
                    throw new IOException("the trained process exited with " + alive.exitValue());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no answer to " + request + " on port " + port);
                }
                try {
                    Response response = Http.send(port, request, 60_000);
                    if (response.status() == 503 && request.path().startsWith("/actuator")) {
                        Thread.sleep(20); // not ready yet
                        continue;
                    }
                    if (response.status() == 401) {
                        // the function's JWT_KEY is not the training's: only the refusal would be trained
                        throw new IOException(request + " answered 401: start the function with JWT_KEY="
                                + "the key of TrainingWorkload --jwt-key");
                    }
                    answered++;
                    break;
                } catch (ConnectException notYet) {
                    Thread.sleep(20);
                } catch (IOException early) {
                    Thread.sleep(50);
                }
            }
        }
        return answered;
    }

    /** The readiness probe, the JSON 404 of an unknown route, then the module's own routes and events. */
    static List<Request> requests(String module) {
        String user = ColdStart.objectId();
        Map<String, String> session = Map.of("Authorization", ColdStart.bearer(user, "u" + user + "@training.dev"));
        List<Request> requests = new ArrayList<>();
        requests.add(Request.get("/actuator/health/readiness", Map.of()));
        requests.add(Request.get("/api/no-such-route", Map.of()));
        String ticket = ColdStart.objectId();
        String order = ColdStart.objectId();
        switch (module) {
            case "signup" -> requests.add(json("POST", "/api/users/signup",
                    "{\"email\":\"" + UUID.randomUUID() + "@training.dev\",\"password\":\"training-password\"}",
                    Map.of()));
            case "signin" -> requests.add(json("POST", "/api/users/signin",
                    "{\"email\":\"nobody@training.dev\",\"password\":\"training-password\"}", Map.of()));
            case "create-ticket" -> requests.add(json("POST", "/api/tickets",
                    "{\"title\":\"Training\",\"price\":20}", session));
            case "update-ticket" -> {
                requests.add(json("PUT", "/api/tickets/" + ticket, "{\"title\":\"Training\",\"price\":25}", session));
                requests.add(Seeds.event("/reserveTicket", "dev.ticketing.order.created", "/functions/place-order",
                        order, orderCreated(order, ticket, user)));
            }
            case "browse-tickets" -> {
                requests.add(Request.get("/api/tickets", Map.of()));
                requests.add(Request.get("/api/tickets/" + ticket, Map.of()));
            }
            case "place-order" -> {
                requests.add(Seeds.event("/syncTicket", "dev.ticketing.ticket.created", "/functions/create-ticket",
                        ticket, "{\"id\":\"" + ticket + "\",\"version\":0,\"title\":\"Training\",\"price\":20,"
                                + "\"userId\":\"" + ColdStart.objectId() + "\"}"));
                requests.add(json("POST", "/api/orders", "{\"ticketId\":\"" + ticket + "\"}", session));
            }
            case "cancel-order" -> requests.add(new Request("DELETE", "/api/orders/" + order, session, null));
            case "browse-orders" -> {
                requests.add(Request.get("/api/orders", session));
                requests.add(Request.get("/api/orders/" + order, session));
            }
            case "complete-order" -> requests.add(Seeds.event("/completeOrder", "dev.ticketing.charge.created",
                    "/functions/charge", order, "{\"id\":\"" + ColdStart.objectId() + "\",\"orderId\":\"" + order
                            + "\",\"stripeId\":\"pi_training\",\"amount\":2000}"));
            case "expire-order" -> requests.add(Seeds.event("/scheduleExpiry", "dev.ticketing.order.created",
                    "/functions/place-order", order, orderCreated(order, ticket, user)));
            case "charge" -> requests.add(Seeds.event("/syncOrder", "dev.ticketing.order.created",
                    "/functions/place-order", order, orderCreated(order, ticket, user)));
            default -> throw new IllegalArgumentException("no training workload for " + module);
        }
        return requests;
    }

    private static Request json(String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new Request(method, path, all, body);
    }

    private static String orderCreated(String order, String ticket, String user) {
        return "{\"id\":\"" + order + "\",\"version\":0,\"status\":\"created\",\"userId\":\"" + user
                + "\",\"expiresAt\":\"" + Instant.now().plusSeconds(900) + "\",\"ticket\":{\"id\":\"" + ticket
                + "\",\"price\":20}}";
    }
}
