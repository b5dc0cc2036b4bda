package dev.ticketing.bench;

import dev.ticketing.bench.Http.Request;
import dev.ticketing.bench.Http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a function serves while its JDK AOT cache is trained, so the cache holds the classes and
 * profiles of a request too (the web server, the handler, JSON, the database driver's commands, the
 * event publisher), not only those of the context refresh. Self-contained: random ids, a session
 * minted with the bench's session key ({@link Sessions}), events signed by its sender ({@link Senders}), and the data the module's main route needs written
 * into its database first ({@link TrainingSeeds}), so the image build ({@code train-image.sh}) and
 * the benchmark ({@code ColdStart}) train alike, on the path a user's first request takes. The
 * requests on seeded data must succeed (2xx): an error path would leave the success path's classes
 * (the JDK HTTP client that publishes, Spring Data's update path: ~430 classes for cancel-order) to
 * be loaded at a user's first request. The others may answer anything (a 404 for an unknown route
 * still runs the dispatch); only a server that never answers fails.
 *
 * <p>{@code TrainingWorkload <module> <port>} (with {@code MONGODB_URI} set to the function's
 * database server): seeds, waits for the port, sends the module's requests, exits.
 * {@code TrainingWorkload --env} prints, as {@code export K='V'} lines for a shell to {@code eval}, what the
 * function under training needs to accept them: the session keys ({@code JWT_PUBLIC_KEY},
 * {@code JWT_PRIVATE_KEY}) and the sender issuer ({@code TICKETING_EVENTS_AUTH_*}); {@code --free-port}
 * prints a free loopback port.
 */
public final class TrainingWorkload {

    private TrainingWorkload() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "--env" -> {
                Map<String, String> env = new java.util.LinkedHashMap<>(Sessions.env());
                env.putAll(Senders.env());
                env.forEach((k, v) -> System.out.println("export " + k + "='" + v + "'"));
            }
            case "--free-port" -> System.out.println(Servers.freePort());
            default -> train(args);
        }
    }

    private static void train(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String mongoUri = System.getenv("MONGODB_URI");
        if (mongoUri == null) {
            throw new IllegalStateException("MONGODB_URI must name the database server the function uses");
        }
        int answered = run(args[0], port, mongoUri, TimeUnit.SECONDS.toNanos(600), null);
        System.out.println("training workload: " + answered + " requests answered by " + args[0]);
    }

    /**
     * Sends the module's requests once the server listens; returns how many it answered.
     *
     * @param alive when not null, checked while waiting: training fails as soon as the process is gone
     */
    static int run(String module, int port, String mongoUri, long timeoutNanos, Process alive) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        List<Step> steps;
        try (TrainingSeeds seeds = new TrainingSeeds(mongoUri)) {
            steps = steps(module, seeds);
        }
        int answered = 0;
        for (Step step : steps) {
            Request request = step.request();
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
                        // the function does not trust the training's keys: only the refusal would be trained
                        throw new IOException(request + " answered 401: start the function with the "
                                + "environment of TrainingWorkload --env (JWT_PUBLIC_KEY, TICKETING_EVENTS_AUTH_*)");
                    }
                    if (step.mustSucceed() && response.status() / 100 != 2) {
                        throw new IOException(request + " on seeded data answered " + response.status() + " "
                                + response.body() + ": TrainingSeeds no longer writes what the stores read");
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

    /** One request of the workload; one on seeded data must succeed. */
    record Step(Request request, boolean mustSucceed) {

        static Step any(Request request) {
            return new Step(request, false);
        }

        static Step ok(Request request) {
            return new Step(request, true);
        }
    }

    /**
     * The readiness probe, the JSON 404 of an unknown route, then the module's own routes and events,
     * on data seeded for them where they need it.
     */
    static List<Step> steps(String module, TrainingSeeds seeds) {
        String user = ColdStart.objectId();
        String email = "u" + user + "@training.dev";
        Map<String, String> session = Map.of("Authorization", Sessions.bearer(user, email));
        List<Step> steps = new ArrayList<>();
        steps.add(Step.any(Request.get("/actuator/health/readiness", Map.of())));
        steps.add(Step.any(Request.get("/api/no-such-route", Map.of())));
        String ticket = ColdStart.objectId();
        String order = ColdStart.objectId();
        switch (module) {
            case "signup" -> steps.add(Step.ok(json("POST", "/api/users/signup",
                    "{\"email\":\"" + email + "\",\"password\":\"" + TrainingSeeds.PASSWORD + "\"}", Map.of())));
            case "signin" -> {
                seeds.account(user, email);
                steps.add(Step.ok(json("POST", "/api/users/signin",
                        "{\"email\":\"" + email + "\",\"password\":\"" + TrainingSeeds.PASSWORD + "\"}", Map.of())));
            }
            case "create-ticket" -> steps.add(Step.ok(json("POST", "/api/tickets",
                    "{\"title\":\"Training\",\"price\":20}", session)));
            case "update-ticket" -> {
                seeds.ticket(ticket, user);
                steps.add(Step.ok(json("PUT", "/api/tickets/" + ticket, "{\"title\":\"Training\",\"price\":25}",
                        session)));
                steps.add(Step.ok(Seeds.event("/reserveTicket", "dev.ticketing.order.created",
                        "/functions/place-order", order, orderCreated(order, ticket, ColdStart.objectId()))));
                steps.add(Step.ok(Seeds.event("/releaseTicket", "dev.ticketing.order.cancelled",
                        "/functions/cancel-order", order,
                        "{\"id\":\"" + order + "\",\"version\":1,\"ticket\":{\"id\":\"" + ticket + "\"}}")));
            }
            case "browse-tickets" -> {
                seeds.ticket(ticket, ColdStart.objectId());
                steps.add(Step.ok(Request.get("/api/tickets", Map.of())));
                steps.add(Step.ok(Request.get("/api/tickets/" + ticket, Map.of())));
            }
            case "place-order" -> {
                steps.add(Step.ok(Seeds.event("/syncTicket", "dev.ticketing.ticket.created", "/functions/create-ticket",
                        ticket, "{\"id\":\"" + ticket + "\",\"version\":0,\"title\":\"Training\",\"price\":20,"
                                + "\"userId\":\"" + ColdStart.objectId() + "\"}")));
                steps.add(Step.ok(json("POST", "/api/orders", "{\"ticketId\":\"" + ticket + "\"}", session)));
            }
            case "cancel-order" -> {
                seeds.order(order, user, ticket);
                steps.add(Step.ok(new Request("DELETE", "/api/orders/" + order, session, null)));
            }
            case "browse-orders" -> {
                seeds.order(order, user, ticket);
                steps.add(Step.ok(Request.get("/api/orders", session)));
                steps.add(Step.ok(Request.get("/api/orders/" + order, session)));
            }
            case "complete-order" -> {
                seeds.order(order, user, ticket);
                steps.add(Step.ok(Seeds.event("/completeOrder", "dev.ticketing.charge.created", "/functions/charge",
                        order, "{\"id\":\"" + ColdStart.objectId() + "\",\"orderId\":\"" + order
                                + "\",\"stripeId\":\"pi_training\",\"amount\":2000,\"currency\":\"usd\"}")));
            }
            case "expire-order" -> steps.add(Step.ok(Seeds.event("/scheduleExpiry", "dev.ticketing.order.created",
                    "/functions/place-order", order, orderCreated(order, ticket, user))));
            case "charge" -> steps.add(Step.ok(Seeds.event("/syncOrder", "dev.ticketing.order.created",
                    "/functions/place-order", order, orderCreated(order, ticket, user))));
            default -> throw new IllegalArgumentException("no training workload for " + module);
        }
        return steps;
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
