package dev.ticketing.domain;

/** A dependency (database, queue, payment provider) cannot be reached; retrying later may succeed. */
public class Unavailable extends DomainException {

    public Unavailable(String message) {
        super(Kind.UNAVAILABLE, message);
    }
}
