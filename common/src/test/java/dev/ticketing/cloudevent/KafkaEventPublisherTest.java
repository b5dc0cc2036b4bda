package dev.ticketing.cloudevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Publishing straight to Kafka (KAFKA_BOOTSTRAP_SERVERS, no K_SINK) against a real KRaft broker. */
class KafkaEventPublisherTest {

    static EmbeddedKafkaKraftBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1, "ticketing-events");
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stopKafka() {
        kafka.destroy();
    }

    @Test
    void publishesBinaryModeCloudEventKeyedByPartitionKey() {
        OutgoingEvent event = new OutgoingEvent("e-1", "dev.ticketing.ticket.created", "/functions/create-ticket",
                "t-1", "t-1", "2026-11-29T12:00:00.123Z", "{\"id\":\"t-1\"}");
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(kafka.getBrokersAsString(), "ticketing-events")) {
            publisher.publish(event);
        }

        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of("ticketing-events"));
            ConsumerRecord<String, CloudEvent> record = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (record == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> r : consumer.poll(Duration.ofMillis(500))) {
                    record = r;
                }
            }
            assertThat(record).as("record on the topic").isNotNull();
            assertThat(record.key()).isEqualTo("t-1");
            Header type = record.headers().lastHeader("ce_type");
            assertThat(type).as("binary mode: ce_type header").isNotNull();
            assertThat(new String(type.value(), StandardCharsets.UTF_8)).isEqualTo("dev.ticketing.ticket.created");
            CloudEvent received = record.value();
            assertThat(received.getId()).isEqualTo("e-1");
            assertThat(received.getSource().toString()).isEqualTo("/functions/create-ticket");
            assertThat(received.getSubject()).isEqualTo("t-1");
            assertThat(received.getExtension("partitionkey")).isEqualTo("t-1");
            assertThat(new String(received.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"t-1\"}");
        }
    }

    @Test
    void reportsAnUnreachableBrokerAsPublishFailed() {
        try (KafkaEventPublisher publisher = new KafkaEventPublisher("127.0.0.1:1", "ticketing-events")) {
            assertThatThrownBy(() -> publisher.publish(new OutgoingEvent("e-2", "dev.ticketing.ticket.created",
                    "/functions/create-ticket", "t-2", "t-2", "2026-11-29T12:00:00Z", "{}")))
                    .isInstanceOf(PublishFailed.class);
        }
    }
}
