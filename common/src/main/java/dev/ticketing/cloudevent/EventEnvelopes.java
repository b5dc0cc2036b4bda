package dev.ticketing.cloudevent;

import dev.ticketing.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** Wraps catalogued {@link Event}s into {@link OutgoingEvent}s with this function's {@code source}. */
public class EventEnvelopes {

    private final JsonMapper json;
    private final String source;
    private final Clock clock;

    public EventEnvelopes(JsonMapper json, String source, Clock clock) {
        this.json = json;
        this.source = source;
        this.clock = clock;
    }

    public OutgoingEvent wrap(Event event) {
        return new OutgoingEvent(UUID.randomUUID().toString(), event.type(), source, event.aggregateId(),
                event.aggregateId(), Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString(),
                json.writeValueAsString(event));
    }

    public String source() {
        return source;
    }
}
