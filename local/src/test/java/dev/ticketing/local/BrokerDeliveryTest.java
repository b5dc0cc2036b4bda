package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.testing.HttpApi;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The broker against real HTTP subscribers, with Triggers read from YAML as in {@code knative/}. */
class BrokerDeliveryTest {

    static final String HAPPENED = "dev.ticketing.thing.happened";

    @TempDir
    Path dir;

    HttpServer subscribers;
    Broker broker;
    HttpApi ingress;
    final SenderIssuer senders = new SenderIssuer();
    /** Per path: every delivery attempt received (headers with lower-case names, and body). */
    final Map<String, List<Map<String, String>>> received = new ConcurrentHashMap<>();
    /** Per path: how many attempts still fail before one succeeds. */
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    final Map<String, Integer> failStatus = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        subscribers = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        subscribers.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        subscribers.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> request = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> request.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            request.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(request);
            AtomicInteger left = failures.get(path);
            int status = 202;
            if (left != null && left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                status = failStatus.getOrDefault(path, 503);
            }
            if (path.equals("/replying") && status == 202) {
                exchange.getResponseHeaders().set("ce-specversion", "1.0");
                exchange.getResponseHeaders().set("ce-id", "reply-1");
                exchange.getResponseHeaders().set("ce-source", "/functions/replying");
                exchange.getResponseHeaders().set("ce-type", "dev.ticketing.thing.answered");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                byte[] body = "{\"answer\":42}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(status, -1);
            }
            exchange.close();
        });
        subscribers.start();
        Files.writeString(dir.resolve("triggers.yaml"), """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                spec:
                  delivery:
                    retry: 3
                    backoffPolicy: exponential
                    backoffDelay: PT0.05S
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: flaky-on-happened
                spec:
                  broker: default
                  filter:
                    attributes:
                      type: dev.ticketing.thing.happened
                  subscriber:
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: flaky}
                    uri: /flaky
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: broken-on-happened
                spec:
                  filter:
                    attributes:
                      type: dev.ticketing.thing.happened
                  subscriber:
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: broken}
                    uri: /broken
                  delivery:
                    retry: 2
                    backoffDelay: PT0.05S
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: steady-on-happened
                spec:
                  filter:
                    attributes:
                      type: dev.ticketing.thing.happened
                  subscriber:
                    ref: {kind: Service, name: steady}
                    uri: /steady
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: other-on-other
                spec:
                  filter:
                    attributes:
                      type: dev.ticketing.other.happened
                  subscriber:
                    ref: {kind: Service, name: steady}
                    uri: /other

                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: replying-on-asked
                spec:
                  filter:
                    attributes:
                      type: dev.ticketing.thing.asked
                  subscriber:
                    ref: {kind: Service, name: steady}
                    uri: /replying
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: answers
                spec:
                  filter:
                    attributes:
                      type: dev.ticketing.thing.answered
                  subscriber:
                    ref: {kind: Service, name: steady}
                    uri: /answers
                """);
        String base = "http://127.0.0.1:" + subscribers.getAddress().getPort();
        broker = new Broker(0, Manifests.read(dir).triggers(), name -> base, senders,
                new DeadLetterLog(dir.resolve("dead-letters.jsonl")), dir, new DeliveryLog(null));
        broker.start();
        ingress = new HttpApi(broker.ingress().toString());
    }

    @AfterEach
    void tearDown() {
        broker.close();
        subscribers.stop(0);
    }

    List<Map<String, String>> at(String path) {
        return received.getOrDefault(path, List.of());
    }

    HttpApi.Response sendBinary(String type, String id, String key) {
        return ingress.post("", "{\"n\":1}", "Ce-Specversion", "1.0", "Ce-Id", id, "Ce-Source", "/functions/test",
                "Ce-Type", type, "Ce-Subject", key, "Ce-Partitionkey", key, "Authorization", functionToken());
    }

    /** What a function started by the platform presents to the ingress. */
    String functionToken() {
        return senders.authorization(SenderIssuer.BROKER_AUDIENCE, SenderIssuer.subject("SinkBinding", "test"));
    }

    int postRaw(String body, String contentType) {
        return postRawForResponse(body, contentType).statusCode();
    }

    HttpResponse<String> postRawForResponse(String body, String contentType) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(broker.ingress()).header("Content-Type", contentType)
                    .header("Authorization", functionToken())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void retriesAFailingSubscriberUntilItAcceptsAndDeadLettersOneThatNeverDoes() throws IOException {
        failures.put("/flaky", new AtomicInteger(2));
        failures.put("/broken", new AtomicInteger(Integer.MAX_VALUE));

        assertThat(sendBinary(HAPPENED, "e-1", "k-1").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.inFlight() == 0 && at("/broken").size() == 3);
        assertThat(at("/flaky")).hasSize(3);
        assertThat(at("/flaky").getLast()).containsEntry("ce-id", "e-1").containsEntry("ce-type", HAPPENED)
                .containsEntry("ce-partitionkey", "k-1").containsEntry("body", "{\"n\":1}");
        assertThat(at("/steady")).hasSize(1);
        assertThat(at("/other")).isEmpty();
        assertThat(DeadLetter.in(broker.deadLetters())).singleElement().satisfies(letter -> {
            assertThat(letter.trigger()).isEqualTo("broken-on-happened");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.failure()).isEqualTo("HTTP 503");
            assertThat(letter.eventId()).isEqualTo("e-1");
        });
        assertThat(Files.readAllLines(dir.resolve("dead-letters.jsonl"))).singleElement().asString()
                .contains("\"trigger\":\"broken-on-happened\"").contains("\"id\":\"e-1\"").contains("{\\\"n\\\":1}");
    }

    @Test
    void deadLettersAtOnceWhatTheSubscriberCanNeverAccept() {
        failures.put("/broken", new AtomicInteger(Integer.MAX_VALUE));
        failStatus.put("/broken", 422);

        sendBinary(HAPPENED, "e-2", "k-2");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.inFlight() == 0 && !DeadLetter.in(broker.deadLetters()).isEmpty());
        assertThat(at("/broken")).hasSize(1);
        assertThat(DeadLetter.in(broker.deadLetters()).getFirst().failure()).isEqualTo("HTTP 422");
    }

    @Test
    void takesStructuredEventsAndDeliversThemInBinaryMode() {
        int status = postRaw("""
                {"specversion":"1.0","id":"s-1","source":"/functions/test","type":"dev.ticketing.other.happened",
                 "subject":"42","partitionkey":"42","datacontenttype":"application/json","data":{"x":"y"}}""",
                "application/cloudevents+json; charset=utf-8");

        assertThat(status).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> at("/other").size() == 1);
        assertThat(at("/other").getFirst()).containsEntry("ce-id", "s-1").containsEntry("ce-subject", "42")
                .containsEntry("ce-partitionkey", "42").containsEntry("content-type", "application/json")
                .containsEntry("body", "{\"x\":\"y\"}");
        assertThat(at("/flaky")).isEmpty();
    }

    @Test
    void refusesWhatIsNoCloudEvent() {
        assertThat(ingress.post("", "{}", "Authorization", functionToken()).status()).isEqualTo(400);
        assertThat(ingress.post("", "{}", "Ce-Specversion", "1.0", "Ce-Id", "x", "Authorization", functionToken())
                .status()).isEqualTo(400);
        HttpResponse<String> notJson = postRawForResponse("{not json\u0001\"", "application/cloudevents+json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        // valid JSON in the API error format, echoing nothing of the input
        JsonNode error = JsonMapper.builder().build().readTree(notJson.body());
        assertThat(error.get("errors").get(0).get("message").asString()).startsWith("Malformed")
                .doesNotContain("not json");
        assertThat(postRaw("[]", "application/cloudevents-batch+json")).isEqualTo(400);
        assertThat(ingress.get("").status()).isEqualTo(405);
    }

    @Test
    void refusesAnEventWithoutATokenForTheIngressWith401() {
        String[] event = {"Ce-Specversion", "1.0", "Ce-Id", "f-1", "Ce-Source", "/x", "Ce-Type", HAPPENED};
        HttpApi.Response unsigned = ingress.post("", "{}", event);
        String forSubscriber = senders.authorization("steady", SenderIssuer.subject("Trigger", "x"));
        HttpApi.Response forAnotherAudience = ingress.post("", "{}", concat(event, "Authorization", forSubscriber));
        HttpApi.Response foreign = ingress.post("", "{}", concat(event, "Authorization",
                new SenderIssuer().authorization(SenderIssuer.BROKER_AUDIENCE, "system:serviceaccount:x:y")));

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(forAnotherAudience.status()).isEqualTo(401);
        assertThat(foreign.status()).as("signed by another issuer's key").isEqualTo(401);
        assertThat(broker.accepted()).isZero();
    }

    @Test
    void deliversWithATokenForTheSubscriberFromTheTrigger() {
        assertThat(sendBinary(HAPPENED, "t-1", "k-1").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> at("/steady").size() == 1);
        String token = at("/steady").getFirst().get("authorization");
        assertThat(senders.verifier("steady").verify(token))
                .isEqualTo(SenderIssuer.subject("Trigger", "steady-on-happened"));
        assertThatThrownBy(() -> senders.verifier("other").verify(token)).isInstanceOf(RuntimeException.class);
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    @Test
    void refusesAnEventLargerThanOneMebibyte() {
        HttpResponse<String> response = postRawForResponse("x".repeat(HttpServers.MAX_BODY + 1), "application/json");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"Payload Too Large\"}]}");
        assertThat(broker.accepted()).isZero();
    }

    @Test
    void deadLettersAReplyTheBrokerCannotStore() {
        DeadLetterLog letters = new DeadLetterLog(dir.resolve("reply-dead-letters.jsonl"));
        Trigger asking = broker.triggers().stream().filter(t -> t.name().equals("replying-on-asked")).findFirst()
                .orElseThrow();
        CloudEvent asked = CloudEventBuilder.v1().withId("q-2").withSource(URI.create("/functions/test"))
                .withType("dev.ticketing.thing.asked").withData("{}".getBytes(StandardCharsets.UTF_8)).build();
        try (Dispatcher dispatcher = new Dispatcher(name -> subscribersUrl(), senders, letters, reply -> {
            throw new IllegalStateException("Kafka did not take " + reply.getId());
        }, dir)) {
            assertThat(dispatcher.deliver(asking, asked)).isEqualTo(Dispatcher.Outcome.DELIVERED);
        }

        assertThat(DeadLetter.in(letters)).singleElement().satisfies(letter -> {
            assertThat(letter.trigger()).isEqualTo("replying-on-asked");
            assertThat(letter.failure()).isEqualTo("reply not stored: Kafka did not take reply-1");
            assertThat(letter.eventId()).isEqualTo("reply-1");
        });
    }

    String subscribersUrl() {
        return "http://127.0.0.1:" + subscribers.getAddress().getPort();
    }

    @Test
    void keepsOwedAnArchivedEventOrAReplyThatCouldNotBeWrittenAnywhere() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "");
        Files.writeString(dir.resolve("archive.yaml"), """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: archive-happened
                spec:
                  subscriber:
                    ref: {apiVersion: eventing.knative.dev/v1alpha1, kind: KafkaSink, name: analytics}
                """);
        Trigger archive = Manifests.read(dir).triggers().stream().filter(t -> t.name().equals("archive-happened"))
                .findFirst().orElseThrow();
        Trigger asking = broker.triggers().stream().filter(t -> t.name().equals("replying-on-asked")).findFirst()
                .orElseThrow();
        CloudEvent asked = CloudEventBuilder.v1().withId("q-3").withSource(URI.create("/functions/test"))
                .withType("dev.ticketing.thing.asked").withData("{}".getBytes(StandardCharsets.UTF_8)).build();
        // the archive folder and the dead-letter file both lie under a regular file: nothing can be written
        DeadLetterLog unwritable = new DeadLetterLog(notADirectory.resolve("dead-letters.jsonl"));
        try (Dispatcher dispatcher = new Dispatcher(name -> subscribersUrl(), senders, unwritable, reply -> {
            throw new IllegalStateException("Kafka did not take " + reply.getId());
        }, notADirectory)) {
            assertThat(dispatcher.deliver(archive, asked)).isEqualTo(Dispatcher.Outcome.ABANDONED);
            assertThat(dispatcher.deliver(asking, asked)).isEqualTo(Dispatcher.Outcome.ABANDONED);
        }
        try (Dispatcher dispatcher = new Dispatcher(name -> subscribersUrl(), senders, broker.deadLetters(),
                reply -> { }, dir)) {
            assertThat(dispatcher.deliver(archive, asked)).isEqualTo(Dispatcher.Outcome.DELIVERED);
        }
        assertThat(Files.readAllLines(dir.resolve("analytics.jsonl"))).singleElement().asString().contains("q-3");
    }

    @Test
    void publishesAReplyEventBackToTheBroker() {
        sendBinary("dev.ticketing.thing.asked", "q-1", "q");

        await().atMost(Duration.ofSeconds(5)).until(() -> at("/answers").size() == 1);
        assertThat(at("/answers").getFirst()).containsEntry("ce-id", "reply-1")
                .containsEntry("ce-type", "dev.ticketing.thing.answered").containsEntry("body", "{\"answer\":42}");
    }
}
