package dev.ticketing.event;

/** An account changed (its password). Emitted by signup/updateAccount; no consumer yet. */
public record UserUpdated(String id, String email, long version) implements Event {

    public static final String TYPE = "dev.ticketing.user.updated";

    @Override
    public String aggregateId() {
        return id;
    }
}
