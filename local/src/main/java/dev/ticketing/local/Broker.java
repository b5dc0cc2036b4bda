package dev.ticketing.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.cloudevent.SenderVerifier;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Knative broker. Its ingress takes CloudEvents over HTTP on any path (binary or
 * structured mode; 202 once taken, 400 for a malformed event, 413 above 1 MiB) and every event goes to each
 * subscriber whose {@link Trigger} matches it, through the {@link Dispatcher} (retries, backoff,
 * dead-letter log). What it owes is kept in a {@link DeliveryLog} file before it answers 202 and delivered
 * again after a restart, as Knative's Kafka broker keeps events in Kafka until each Trigger's consumer
 * group delivered them.
 */
final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final List<Trigger> triggers;
    private final Dispatcher dispatcher;
    private final SenderVerifier senders;
    private final DeadLetterLog deadLetters;
    private final DeliveryLog owed;
    private final HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();

    Broker(int port, List<Trigger> triggers, Function<String, String> serviceUrls, SenderIssuer senders,
            DeadLetterLog deadLetters, java.nio.file.Path archives, DeliveryLog owed) {
        this.triggers = List.copyOf(triggers);
        this.deadLetters = deadLetters;
        this.owed = owed;
        this.senders = senders.verifier(SenderIssuer.BROKER_AUDIENCE);
        this.dispatcher = new Dispatcher(serviceUrls, senders, deadLetters, this::accept, archives);
        this.server = HttpServers.create(port, "broker ingress");
        this.server.createContext("/", this::ingress);
    }

    void start() {
        owed.owed().forEach((key, delivery) -> triggers.stream().filter(t -> t.name().equals(delivery.getKey()))
                .findFirst().ifPresentOrElse(trigger -> deliver(key, trigger, delivery.getValue()), () -> owed.done(key)));
        server.start();
        log.info("Broker ingress at {} ({} triggers)", ingress(), triggers.size());
    }

    /** The ingress URL, as a Knative broker's: {@code http://host/<namespace>/<broker>}. */
    URI ingress() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/default/default");
    }

    List<Trigger> triggers() {
        return triggers;
    }

    DeadLetterLog deadLetters() {
        return deadLetters;
    }

    /** Deliveries under way (including those waiting to retry). */
    int inFlight() {
        return inFlight.get();
    }

    long accepted() {
        return accepted.get();
    }

    private void ingress(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                HttpServers.respond(exchange, 405, "Method Not Allowed");
                return;
            }
            try {
                senders.verify(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (RuntimeException e) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                HttpServers.respond(exchange, 401, Objects.requireNonNullElse(e.getMessage(), "Unauthorized"));
                return;
            }
            byte[] body = HttpServers.body(exchange);
            if (body == null) {
                return;
            }
            CloudEvent event;
            try {
                event = CloudEvents.fromHttp(exchange.getRequestHeaders(), body);
            } catch (CloudEvents.Malformed e) {
                HttpServers.respond(exchange, 400, e.getMessage());
                return;
            }
            try {
                accept(event);
            } catch (RuntimeException e) {
                log.warn("Could not keep {}: {}", CloudEvents.describe(event), e.getMessage());
                HttpServers.respond(exchange, 503, "Broker cannot store events right now");
                return;
            }
            HttpServers.respond(exchange, 202, null);
        }
    }

    /** Takes one event as the ingress does (also used for PingSource ticks and reply events). */
    void accept(CloudEvent event) {
        accepted.incrementAndGet();
        List<Trigger> matching = triggers.stream().filter(t -> t.matches(event)).toList();
        long[] keys = matching.stream().mapToLong(trigger -> owed.add(trigger, event)).toArray();
        owed.commit();
        for (int i = 0; i < keys.length; i++) {
            deliver(keys[i], matching.get(i), event);
        }
    }

    /** Makes one owed delivery; what the dispatcher gives up because it is closing stays owed. */
    private void deliver(long key, Trigger trigger, CloudEvent event) {
        deliver(trigger, event).thenAccept(outcome -> {
            if (outcome != Dispatcher.Outcome.ABANDONED) {
                owed.done(key);
            }
        });
    }

    /** Starts one delivery; completes when delivered or dead-lettered (or abandoned as the broker closes). */
    CompletableFuture<Dispatcher.Outcome> deliver(Trigger trigger, CloudEvent event) {
        inFlight.incrementAndGet();
        return dispatcher.dispatch(trigger, event).whenComplete((outcome, error) -> inFlight.decrementAndGet());
    }

    @Override
    public void close() {
        server.stop(0);
        dispatcher.close();
        owed.close();
    }
}
