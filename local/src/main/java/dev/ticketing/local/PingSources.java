package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PingSource stand-in: each PingSource of {@code knative/} sends its {@code dev.knative.sources.ping}
 * event to its sink (a Service path, with a sender token for that Service: no PingSource there sinks to the
 * broker) on a schedule sped up {@link #SPEEDUP} times (every minute becomes every second, so
 * {@code expireOrders} ticks every second). A tick is skipped while the previous one to the same sink is
 * still running. Ticks reach a function only while it runs (they do not keep it from scaling to zero); one that is
 * down is started by a tick at most once per period of the real schedule, as the cluster wakes it.
 */
final class PingSources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PingSources.class);

    /** PingSource schedules run this many times faster. */
    static final double SPEEDUP = 60;

    private final List<PingSourceSpec> sources;
    private final Function<String, String> serviceUrls;
    private final SenderIssuer senders;
    private final Function<String, String> runningUrls;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ping-sources").factory());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    /**
     * @param serviceUrls a Service's URL, starting it when it is down
     * @param runningUrls a Service's URL while it runs, else null
     */
    PingSources(List<PingSourceSpec> sources, Function<String, String> serviceUrls,
            Function<String, String> runningUrls, SenderIssuer senders) {
        this.sources = sources;
        this.serviceUrls = serviceUrls;
        this.runningUrls = runningUrls;
        this.senders = senders;
    }

    void start() {
        for (PingSourceSpec source : sources) {
            Duration every = interval(source.schedule(), SPEEDUP);
            AtomicBoolean running = new AtomicBoolean();
            AtomicLong woke = new AtomicLong(System.nanoTime());
            // off the timer's thread: waking a function that scaled to zero waits for it to start
            timer.scheduleAtFixedRate(() -> Thread.startVirtualThread(() -> tick(source, running, woke)),
                    every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
            log.info("PingSource {} ({}) -> {} every {} ms", source.name(), source.schedule(), source.sink(),
                    every.toMillis());
        }
    }

    /**
     * The period of a cron schedule, divided by {@code speedup}, at least one second: the schedules of
     * {@code knative/}, every minute or every N minutes ({@code * * * * *}, {@code *}{@code /N * * * *}), only.
     */
    static Duration interval(String schedule, double speedup) {
        String[] fields = schedule.trim().split("\\s+");
        if (!String.join(" ", fields).matches("\\*(/\\d+)?( \\*){4}")) {
            throw new IllegalArgumentException("PingSource schedule " + schedule + " is not supported locally");
        }
        String minutes = fields[0];
        long seconds = 60L * (minutes.length() > 1 ? Long.parseLong(minutes.substring(2)) : 1);
        return Duration.ofMillis(Math.max(1000, Math.round(seconds * 1000 / speedup)));
    }

    private void tick(PingSourceSpec source, AtomicBoolean running, AtomicLong woke) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                    .withSource(URI.create(source.source())).withType("dev.knative.sources.ping")
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withDataContentType(source.contentType())
                    .withData(source.data().getBytes(StandardCharsets.UTF_8)).build();
            String service = source.sink().service(); // a Service: PingSourceSpec refuses other sinks
            String base = runningUrls.apply(service);
            long now = System.nanoTime();
            if (base == null && now - woke.get() >= interval(source.schedule(), 1).toNanos()) {
                woke.set(now);
                base = serviceUrls.apply(service);
            }
            if (base == null) {
                running.set(false);
                return;
            }
            HttpRequest request = CloudEvents.post(HttpRequest.newBuilder(source.sink().resolve(base))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", senders.authorization(
                            service, SenderIssuer.subject("PingSource", source.name()))), event).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                running.set(false);
                if (error != null) {
                    log.debug("PingSource {}: {}", source.name(), error.toString());
                } else if (response.statusCode() / 100 != 2) {
                    log.warn("PingSource {} -> {}: HTTP {}", source.name(), source.sink(), response.statusCode());
                }
            });
        } catch (RuntimeException e) {
            // the next tick must run: a failure (a function that did not start) releases this source's turn
            log.warn("PingSource {} -> {}: {}", source.name(), source.sink(), e.toString());
            running.set(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}
