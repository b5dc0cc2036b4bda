package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's events kept in a Kafka topic with {@code cloudevents-kafka} (binary mode, keyed by
 * the {@code partitionkey} extension so one aggregate's events share a partition), as Knative's Kafka
 * broker keeps them: the ingress acknowledges once Kafka has the event; one consumer group per
 * Trigger reads the topic, delivers what the Trigger matches, and commits once each polled batch is
 * delivered or dead-lettered. A batch that fails (Kafka refusing the commit, say) is read again from
 * the last commit: at least once, as Knative's.
 */
final class KafkaEventLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventLog.class);

    private final String servers;
    private final String topic;
    private final List<Trigger> triggers;
    private final BiFunction<Trigger, CloudEvent, CompletableFuture<Dispatcher.Outcome>> deliver;
    private final KafkaProducer<String, CloudEvent> producer;
    private final List<KafkaConsumer<String, CloudEvent>> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    KafkaEventLog(String servers, String topic, List<Trigger> triggers,
            BiFunction<Trigger, CloudEvent, CompletableFuture<Dispatcher.Outcome>> deliver) {
        this.servers = servers;
        this.topic = topic;
        this.triggers = triggers;
        this.deliver = deliver;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000),
                new StringSerializer(), new CloudEventSerializer());
    }

    String describe() {
        return "Kafka " + servers + " topic " + topic;
    }

    void start() {
        createTopic();
        for (Trigger trigger : triggers) {
            KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ConsumerConfig.GROUP_ID_CONFIG, "knative-trigger-default-" + trigger.name(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                    ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600000),
                    new StringDeserializer(), new CloudEventDeserializer());
            consumer.subscribe(List.of(topic));
            consumers.add(consumer);
            Thread thread = Thread.ofPlatform().name("trigger-" + trigger.name()).daemon()
                    .start(() -> consume(trigger, consumer));
            threads.add(thread);
        }
    }

    private void createTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(15, TimeUnit.SECONDS);
            log.info("Created topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Kafka at " + servers
                        + " cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Kafka at " + servers + " did not answer"
                    + " (KAFKA_BOOTSTRAP_SERVERS); is it running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void append(CloudEvent event) {
        String partitionKey = Broker.partitionKey(event);
        try {
            producer.send(new ProducerRecord<>(topic, partitionKey, event)).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take " + event.getId() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private void consume(Trigger trigger, KafkaConsumer<String, CloudEvent> consumer) {
        try {
            while (running) {
                try {
                    pollOnce(trigger, consumer);
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    // the batch is not committed: deliver it again from the last commit (at least once, as Knative)
                    log.warn("{}: batch failed, redelivering from the last commit: {}", trigger.name(), e.toString());
                    rewind(trigger, consumer);
                    Thread.sleep(1000);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void pollOnce(Trigger trigger, KafkaConsumer<String, CloudEvent> consumer) {
        ConsumerRecords<String, CloudEvent> records;
        try {
            records = consumer.poll(Duration.ofMillis(500));
        } catch (RecordDeserializationException e) {
            log.warn("{}: skipping a record that is no CloudEvent at {}@{}", trigger.name(),
                    e.topicPartition(), e.offset());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        List<CompletableFuture<Dispatcher.Outcome>> batch = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            if (record.value() != null && trigger.matches(record.value())) {
                batch.add(deliver.apply(trigger, record.value()));
            }
        }
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        // what the dispatcher gave up as it closed is read again from the last commit at the next start
        if (!records.isEmpty() && batch.stream().noneMatch(f -> f.join() == Dispatcher.Outcome.ABANDONED)) {
            consumer.commitSync();
        }
    }

    /** Moves every assigned partition back to its committed offset (the start when none). */
    private void rewind(Trigger trigger, KafkaConsumer<String, CloudEvent> consumer) {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset);
                }
            }
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("{}: cannot rewind to the last commit: {}", trigger.name(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread thread : threads) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(2));
    }
}
