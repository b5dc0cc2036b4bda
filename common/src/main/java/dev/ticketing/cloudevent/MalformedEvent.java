package dev.ticketing.cloudevent;

/** A delivery that can never be accepted (not a CloudEvent, bad data, wrong type): answered 400, not retried. */
class MalformedEvent extends RuntimeException {

    MalformedEvent(String message) {
        super(message, null, false, false);
    }
}
