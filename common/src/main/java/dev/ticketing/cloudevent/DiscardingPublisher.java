package dev.ticketing.cloudevent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Used when neither {@code K_SINK} nor Kafka is configured (a function run on its own): logs each
 * event and drops it, so a lone function still works.
 */
class DiscardingPublisher implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(DiscardingPublisher.class);

    @Override
    public void publish(OutgoingEvent event) {
        log.info("No K_SINK or Kafka configured; dropping {} {} for {}", event.type(), event.id(), event.subject());
    }

    @Override
    public String describe() {
        return "nowhere (set K_SINK or KAFKA_BOOTSTRAP_SERVERS)";
    }
}
