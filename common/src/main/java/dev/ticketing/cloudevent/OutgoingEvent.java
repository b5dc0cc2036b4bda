package dev.ticketing.cloudevent;

/**
 * A CloudEvent ready to publish, as stored in an aggregate's outbox until the broker took it:
 * {@code id} is fresh per fact (redeliveries keep it, so consumers can deduplicate on
 * ({@code source}, {@code id})), {@code subject} and {@code partitionKey} are the aggregate id,
 * {@code time} is RFC 3339 and {@code data} is the JSON payload.
 */
public record OutgoingEvent(String id, String type, String source, String subject, String partitionKey, String time,
        String data) {
}
