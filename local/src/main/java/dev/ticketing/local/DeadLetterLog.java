package dev.ticketing.local;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    DeadLetterLog(Path file) {
        super(file);
    }

    /** Logs and keeps one dead letter; false when its line could not be written (the delivery stays owed). */
    boolean record(Entry entry) {
        entries.add(entry);
        log.warn("Dead letter: {} -> {} gave up after {} attempt(s) ({}): {} (see {})", entry.trigger(),
                entry.subscriber(), entry.attempts(), entry.failure(), CloudEvents.describe(entry.event()), file());
        return append(entry, entry.event());
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }
}
