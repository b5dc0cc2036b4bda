package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters written by the platform's own {@link DeadLetterLog}, redelivered to a broker ingress
 * (a real HTTP server reading each request as the local broker's ingress does, {@link CloudEvents}).
 */
class DeadLetterRedeliveryTest {

    @TempDir
    Path dir;

    HttpServer ingress;
    final List<CloudEvent> accepted = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(202);
    DeadLetterLog deadLetters;

    @BeforeEach
    void start() throws IOException {
        ingress = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ingress.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = status.get();
            if (answer == 202) {
                accepted.add(CloudEvents.fromHttp(exchange.getRequestHeaders(), body));
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(authorization == null ? "" : authorization);
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        ingress.start();
        deadLetters = new DeadLetterLog(dir.resolve("logs").resolve("dead-letters.jsonl"));
    }

    @AfterEach
    void stop() {
        ingress.stop(0);
    }

    URI ingressUri() {
        return URI.create("http://127.0.0.1:" + ingress.getAddress().getPort() + "/default/default");
    }

    DeadLetterRedelivery redelivery() {
        return new DeadLetterRedelivery(deadLetters.file(), ingressUri(), null);
    }

    static CloudEvent event(String id) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/functions/place-order"))
                .withType("dev.ticketing.order.created").withSubject("o-" + id)
                .withTime(OffsetDateTime.parse("2026-12-04T12:00:00Z")).withExtension("partitionkey", "o-" + id)
                .withDataContentType("application/json")
                .withData("{\"id\":\"o-1\",\"price\":20.50,\"note\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    void deadLetter(String trigger, CloudEvent event) {
        deadLetters.record(new DeadLetterLog.Entry(Instant.now(), trigger, "http://127.0.0.1:1/" + trigger, 11,
                "HTTP 503", event));
    }

    @Test
    void postsEachDeadLetteredEventUnchangedToTheBrokerIngressOnce() {
        CloudEvent first = event("e-1");
        deadLetter("expire-order-on-order-created", first);
        deadLetter("charge-on-order", first);
        deadLetter("update-ticket-on-order-created", event("e-2"));

        DeadLetterRedelivery.Result result = redelivery().run();

        assertThat(result).isEqualTo(new DeadLetterRedelivery.Result(2, 0, 0, 0));
        assertThat(accepted).extracting(CloudEvent::getId).containsExactly("e-1", "e-2");
        CloudEvent redelivered = accepted.getFirst();
        assertThat(redelivered.getSource()).isEqualTo(first.getSource());
        assertThat(redelivered.getType()).isEqualTo(first.getType());
        assertThat(redelivered.getSubject()).isEqualTo(first.getSubject());
        assertThat(redelivered.getTime()).isEqualTo(first.getTime());
        assertThat(redelivered.getExtension("partitionkey")).isEqualTo("o-e-1");
        assertThat(redelivered.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(redelivered.getData().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(first.getData().toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void runningItAgainPostsNothingButWhatWasDeadLetteredSince() {
        deadLetter("expire-order-on-order-created", event("e-1"));
        redelivery().run();

        assertThat(redelivery().run()).isEqualTo(new DeadLetterRedelivery.Result(0, 1, 0, 0));
        assertThat(accepted).hasSize(1);

        // the same event dead-lettered again after the redelivery (its consumer still failed) is a new entry
        deadLetter("expire-order-on-order-created", event("e-1"));
        deadLetter("charge-on-order", event("e-3"));
        assertThat(redelivery().run()).isEqualTo(new DeadLetterRedelivery.Result(2, 1, 0, 0));
        assertThat(accepted).extracting(CloudEvent::getId).containsExactly("e-1", "e-1", "e-3");
        assertThat(redelivery().run()).isEqualTo(new DeadLetterRedelivery.Result(0, 3, 0, 0));
    }

    @Test
    void keepsTheMarksOfEarlierRunsTheSha256OfEachLine() throws Exception {
        deadLetter("expire-order-on-order-created", event("e-1"));
        String line = Files.readAllLines(deadLetters.file()).getFirst();
        // a marks file as the command has always written it
        Files.writeString(deadLetters.file().resolveSibling("dead-letters.redelivered"), HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8))) + "\n");

        assertThat(redelivery().run()).isEqualTo(new DeadLetterRedelivery.Result(0, 1, 0, 0));
        assertThat(accepted).isEmpty();
    }

    @Test
    void anEntryTheBrokerRefusesStaysToRedeliverAndTheNextRunPostsIt() {
        deadLetter("expire-order-on-order-created", event("e-1"));
        status.set(503);

        assertThat(redelivery().run()).isEqualTo(new DeadLetterRedelivery.Result(0, 0, 1, 0));
        ingress.stop(0);
        assertThat(redelivery().run().failed()).isEqualTo(1);

        startAgain();
        assertThat(redelivery().run()).isEqualTo(new DeadLetterRedelivery.Result(1, 0, 0, 0));
        assertThat(accepted).extracting(CloudEvent::getId).containsExactly("e-1");
    }

    @Test
    void sendsTheTokenItIsGivenAndSkipsLinesThatAreNoDeadLetter() throws IOException {
        deadLetter("expire-order-on-order-created", event("e-1"));
        Files.writeString(deadLetters.file(), "not json\n{\"event\":{\"type\":\"x\"}}\n",
                java.nio.file.StandardOpenOption.APPEND);

        DeadLetterRedelivery.Result result = new DeadLetterRedelivery(deadLetters.file(), ingressUri(), "t0ken").run();

        assertThat(result).isEqualTo(new DeadLetterRedelivery.Result(1, 0, 0, 2));
        assertThat(authorizations).containsExactly("Bearer t0ken");
    }

    @Test
    void withoutADeadLetterLogThereIsNothingToDo() {
        assertThat(new DeadLetterRedelivery(dir.resolve("none.jsonl"), ingressUri(), null).run())
                .isEqualTo(new DeadLetterRedelivery.Result(0, 0, 0, 0));
        assertThat(accepted).isEmpty();
    }

    void startAgain() {
        int port = ingress.getAddress().getPort();
        try {
            HttpServer again = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            again.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                accepted.add(CloudEvents.fromHttp(exchange.getRequestHeaders(), body));
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            again.start();
            ingress = again;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
