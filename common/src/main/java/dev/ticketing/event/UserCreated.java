package dev.ticketing.event;

/** An account was opened. Emitted by signup; no consumer yet. */
public record UserCreated(String id, String email, long version) implements Event {

    public static final String TYPE = "dev.ticketing.user.created";

    @Override
    public String aggregateId() {
        return id;
    }
}
