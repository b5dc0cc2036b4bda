package dev.ticketing.cloudevent;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of every MongoDB document that emits events. The events a state change owes are written in
 * the same document update as the change ({@link #owe}); {@link Outbox#flush} publishes them and
 * removes each once the broker took it; {@link Outbox#relayPending} publishes whatever is left.
 */
public abstract class OutboxDocument {

    private List<OutgoingEvent> outbox = new ArrayList<>();

    /** The document's {@code _id}, as the aggregate knows it. */
    public abstract String id();

    public void owe(OutgoingEvent event) {
        outbox.add(event);
    }

    public List<OutgoingEvent> owed() {
        return List.copyOf(outbox);
    }

    protected List<OutgoingEvent> getOutbox() {
        return outbox;
    }

    protected void setOutbox(List<OutgoingEvent> outbox) {
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }
}
