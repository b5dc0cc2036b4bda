package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The deliveries the broker owes, kept in an H2 MVStore file (the store the MongoDB-compatible server
 * uses too): one entry per accepted event and matching Trigger, committed before the ingress answers
 * 202 and removed once the delivery succeeded or was dead-lettered. What a crash interrupts is made
 * again when the platform starts ({@link #owed()}); a removal not yet committed makes one delivery
 * twice, which Knative's at-least-once delivery allows and the functions absorb.
 */
final class DeliveryLog implements AutoCloseable {

    private static final JsonFormat FORMAT = new JsonFormat();

    private final MVStore store;
    private final MVMap<Long, String> owed;
    private final AtomicLong sequence;

    /** @param file null to keep them in memory only */
    DeliveryLog(Path file) {
        store = file == null ? new MVStore.Builder().open() : new MVStore.Builder().fileName(file.toString()).open();
        store.setRetentionTime(0); // see EmbeddedMongo
        owed = store.openMap("owed");
        sequence = new AtomicLong(owed.isEmpty() ? 0 : owed.lastKey());
    }

    /** Records one owed delivery (durable once {@link #commit()} returns); its key for {@link #done}. */
    long add(Trigger trigger, CloudEvent event) {
        long key = sequence.incrementAndGet();
        owed.put(key, trigger.name() + '\n' + new String(FORMAT.serialize(event), StandardCharsets.UTF_8));
        return key;
    }

    void commit() {
        store.commit();
    }

    void done(long key) {
        owed.remove(key);
    }

    /** Every delivery still owed, oldest first: the Trigger's name and the event. */
    Map<Long, Map.Entry<String, CloudEvent>> owed() {
        Map<Long, Map.Entry<String, CloudEvent>> all = new TreeMap<>();
        owed.forEach((key, value) -> {
            int newline = value.indexOf('\n');
            all.put(key, Map.entry(value.substring(0, newline),
                    FORMAT.deserialize(value.substring(newline + 1).getBytes(StandardCharsets.UTF_8))));
        });
        return all;
    }

    @Override
    public void close() {
        store.close();
    }
}
