package dev.ticketing.local;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where events end that a subscriber never accepted (the local stand-in for a Trigger's
 * {@code deadLetterSink}): one JSON line per event in {@code dead-letters.jsonl}, and a warning.
 */
final class DeadLetterLog extends EventFile {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);

    /** One dead letter: the event, the Trigger and subscriber, how many attempts, and the last failure. */
    record Entry(Instant time, String trigger, String subscriber, int attempts, String failure,
            @JsonIgnore CloudEvent event) {
    }

    DeadLetterLog(Path file) {
        super(file);
    }

    /** Logs and writes one dead letter; false when its line could not be written (the delivery stays owed). */
    boolean record(Entry entry) {
        log.warn("Dead letter: {} -> {} gave up after {} attempt(s) ({}): {} (see {})", entry.trigger(),
                entry.subscriber(), entry.attempts(), entry.failure(), CloudEvents.describe(entry.event()), file());
        return append(entry, entry.event());
    }
}
