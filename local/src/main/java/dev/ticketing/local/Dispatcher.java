package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one event to one Trigger's subscriber as Knative does: binary-mode CloudEvent over HTTP,
 * with a sender token for the subscriber;
 * any 2xx is success (a 2xx carrying a CloudEvent is a reply, published back to the broker); network
 * failures, 404, 408, 409, 429 and 5xx are retried {@code retry} times with the Trigger's backoff;
 * anything else, or running out of retries, sends the event to the dead-letter log. A
 * {@code KafkaSink} subscriber (an archive topic on the cluster) is a local JSON-lines file.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** What became of one delivery. */
    enum Outcome { DELIVERED, DEAD_LETTERED, ABANDONED }

    private final Function<String, String> serviceUrls;
    private final SenderIssuer senders;
    private final DeadLetterLog deadLetters;
    private final Consumer<CloudEvent> replies;
    private final Path archives;
    private final Map<String, EventFile> archiveFiles = new ConcurrentHashMap<>();
    private final HttpClient client;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param serviceUrls base URL of a Knative Service (function module) by name, null when unknown
     * @param replies     where reply events go (the broker's ingress)
     * @param archives    where a {@code KafkaSink} subscriber's events are appended ({@code <name>.jsonl})
     */
    Dispatcher(Function<String, String> serviceUrls, SenderIssuer senders, DeadLetterLog deadLetters,
            Consumer<CloudEvent> replies, Path archives) {
        this.serviceUrls = serviceUrls;
        this.senders = senders;
        this.archives = archives;
        this.deadLetters = deadLetters;
        this.replies = replies;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(threads).build();
    }

    CompletableFuture<Outcome> dispatch(Trigger trigger, CloudEvent event) {
        return CompletableFuture.supplyAsync(() -> deliver(trigger, event), threads);
    }

    Outcome deliver(Trigger trigger, CloudEvent event) {
        if ("KafkaSink".equals(trigger.subscriber().kind())) {
            String sink = trigger.subscriber().name();
            // a line not written is not delivered: the delivery stays owed and is made at the next start
            return archiveFiles.computeIfAbsent(sink, name -> new EventFile(archives.resolve(name + ".jsonl")))
                    .append(Map.of("trigger", trigger.name()), event) ? Outcome.DELIVERED : Outcome.ABANDONED;
        }
        String service = trigger.subscriber().service();
        DeliverySpec delivery = trigger.delivery();
        String failure = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= delivery.retry(); attempt++) {
            try {
                Thread.sleep(attempt == 0 ? Duration.ZERO : delivery.backoff(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (threads.isShutdown()) {
                return Outcome.ABANDONED;
            }
            attempts++;
            URI target;
            try {
                String base = service == null ? null : serviceUrls.apply(service);
                if (base == null) {
                    return deadLetter(trigger, event, attempts, "no service named " + service);
                }
                target = trigger.subscriber().resolve(base);
            } catch (FunctionProcess.Unavailable e) {
                // down and not ready within the activator's wait: retried like a refused connection
                failure = e.getMessage();
                continue;
            }
            try {
                // a token for the subscriber's audience from the Trigger's identity, as Knative's deliveries present
                HttpResponse<byte[]> response = client.send(CloudEvents.post(HttpRequest.newBuilder(target)
                        .timeout(delivery.timeout()).header("Authorization", senders.authorization(service,
                                SenderIssuer.subject("Trigger", trigger.name()))), event).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    log.debug("{} -> {}: {} ({} attempt(s))", trigger.name(), target, status, attempts);
                    // a reply neither stored nor dead-lettered keeps the delivery owed (made again at the next start)
                    return reply(trigger, response, attempts) ? Outcome.DELIVERED : Outcome.ABANDONED;
                }
                failure = "HTTP " + status;
                if (status != 404 && status != 408 && status != 409 && status != 429 && status < 500) {
                    break;
                }
                log.debug("{} -> {}: {}, will retry", trigger.name(), target, status);
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.ABANDONED;
            }
        }
        return deadLetter(trigger, event, attempts, failure);
    }

    private Outcome deadLetter(Trigger trigger, CloudEvent event, int attempts, String failure) {
        // a dead letter not written down is not given up: the delivery stays owed and is made at the next start
        DeadLetterLog.Entry entry = new DeadLetterLog.Entry(Instant.now(), trigger.name(),
                trigger.subscriber().toString(), attempts, failure, event);
        return deadLetters.record(entry) ? Outcome.DEAD_LETTERED : Outcome.ABANDONED;
    }

    /**
     * Publishes a reply event; one the broker cannot store (its file failing) goes to the dead-letter log.
     * False when it was neither stored nor dead-lettered.
     */
    private boolean reply(Trigger trigger, HttpResponse<byte[]> response, int attempts) {
        CloudEvent reply;
        try {
            reply = CloudEvents.fromHttp(response.headers().map(), response.body());
        } catch (CloudEvents.NotAnEvent e) {
            return true;
        } catch (CloudEvents.Malformed e) {
            log.warn("{}: subscriber answered with a malformed reply event, ignored: {}", trigger.name(), e.getMessage());
            return true;
        }
        log.debug("{}: reply {}", trigger.name(), CloudEvents.describe(reply));
        try {
            replies.accept(reply);
            return true;
        } catch (RuntimeException e) {
            return deadLetter(trigger, reply, attempts, "reply not stored: " + e.getMessage()) != Outcome.ABANDONED;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
