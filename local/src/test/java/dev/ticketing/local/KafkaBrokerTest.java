package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.testing.HttpApi;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** With {@code KAFKA_BOOTSTRAP_SERVERS} the broker keeps its events in a Kafka topic and delivers from there. */
class KafkaBrokerTest {

    static final String TOPIC = "knative-broker-ticketing-default";

    static EmbeddedKafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1).brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stopKafka() {
        kafka.destroy();
    }

    @Test
    void keepsEventsInKafkaAndDeliversThemWithRetries() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        HttpServer subscriber = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        subscriber.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("ce-id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 202, -1);
            exchange.close();
        });
        subscriber.start();
        Files.writeString(dir.resolve("trigger.yaml"), """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: on-happened
                spec:
                  filter:
                    attributes:
                      type: dev.ticketing.thing.happened
                  subscriber:
                    ref: {kind: Service, name: subscriber}
                    uri: /onHappened
                  delivery:
                    retry: 3
                    backoffDelay: PT0.1S
                """);
        String base = "http://127.0.0.1:" + subscriber.getAddress().getPort();
        try (Broker broker = new Broker(0, Manifests.read(dir).triggers(), name -> base,
                new DeadLetterLog(dir.resolve("dead-letters.jsonl")), kafka.getBrokersAsString(), TOPIC, dir, new DeliveryLog(null))) {
            broker.start();

            HttpApi.Response response = new HttpApi(broker.ingress().toString()).post("", "{\"n\":7}",
                    "Ce-Specversion", "1.0", "Ce-Id", "k-1", "Ce-Source", "/functions/test",
                    "Ce-Type", "dev.ticketing.thing.happened", "Ce-Partitionkey", "p-1");

            assertThat(response.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 2);
            assertThat(received).containsExactly("k-1 {\"n\":7}", "k-1 {\"n\":7}");
            assertThat(broker.deadLetters().entries()).isEmpty();
        } finally {
            subscriber.stop(0);
        }
        assertThat(topic()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("p-1");
            assertThat(record.value().getId()).isEqualTo("k-1");
            assertThat(record.value().getType()).isEqualTo("dev.ticketing.thing.happened");
        });
    }

    static List<ConsumerRecord<String, CloudEvent>> topic() {
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
