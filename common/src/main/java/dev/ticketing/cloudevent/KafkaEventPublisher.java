package dev.ticketing.cloudevent;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes binary-mode CloudEvents straight to a Kafka topic with {@code cloudevents-kafka}, keyed by
 * {@code partitionkey} so one aggregate's events stay in order. Used when
 * {@code KAFKA_BOOTSTRAP_SERVERS} is set and no {@code K_SINK} is given.
 */
class KafkaEventPublisher implements EventPublisher, AutoCloseable {

    private final KafkaProducer<String, CloudEvent> producer;
    private final String topic;
    private final String servers;

    KafkaEventPublisher(String bootstrapServers, String topic) {
        this.servers = bootstrapServers;
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000),
                new StringSerializer(), new CloudEventSerializer());
    }

    static CloudEvent toCloudEvent(OutgoingEvent event) {
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withType(event.type())
                .withSource(URI.create(event.source()))
                .withSubject(event.subject())
                .withTime(OffsetDateTime.parse(event.time()))
                .withExtension("partitionkey", event.partitionKey())
                .withDataContentType("application/json")
                .withData(event.data().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public void publish(OutgoingEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.partitionKey(), toCloudEvent(event)))
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishFailed("Kafka " + servers + " did not take " + event.id() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("Interrupted while publishing " + event.id(), e);
        }
    }

    @Override
    public String describe() {
        return "Kafka " + servers + " topic " + topic;
    }

    @Override
    public void close() {
        producer.close();
    }
}
