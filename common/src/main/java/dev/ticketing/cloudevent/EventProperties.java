package dev.ticketing.cloudevent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.events.*} of the publishing side: {@code source}, the {@code source} of every event
 * this function emits (default {@code /functions/<spring.application.name>}); {@code timeout}, for
 * connecting to and being answered by the HTTP sink (default 5s); {@code kafka-topic}, the broker's
 * topic when publishing straight to Kafka. Where to publish is the platform's: {@code K_SINK} (and
 * {@code K_CA_CERTS}) as a SinkBinding injects them, or {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
@ConfigurationProperties("ticketing.events")
public record EventProperties(
        String source,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("knative-broker-ticketing-default") String kafkaTopic) {
}
