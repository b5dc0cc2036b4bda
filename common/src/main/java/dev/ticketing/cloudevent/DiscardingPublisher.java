package dev.ticketing.cloudevent;

/**
 * Used when neither {@code K_SINK} nor Kafka is configured: every publish fails, so each event stays
 * owed in its document's outbox (the request that wrote it still succeeds) and is relayed by
 * {@code relayOutbox} once the function runs with a sink. On a cluster that is the normal state of a
 * function's first revision, created before its SinkBinding injects {@code K_SINK}, and of every pod
 * whose SinkBinding cannot resolve its sink (the binding then removes {@code K_SINK}): dropping the
 * event there would lose it for good.
 */
class DiscardingPublisher implements EventPublisher {

    @Override
    public void publish(OutgoingEvent event) {
        throw new PublishFailed("No sink: neither K_SINK nor KAFKA_BOOTSTRAP_SERVERS is set; " + event.type() + " "
                + event.id() + " stays owed", null);
    }

    @Override
    public String describe() {
        return "nowhere yet: no K_SINK or KAFKA_BOOTSTRAP_SERVERS, events stay owed in the outbox";
    }
}
