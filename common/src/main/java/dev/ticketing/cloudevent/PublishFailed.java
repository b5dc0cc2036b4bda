package dev.ticketing.cloudevent;

/** The broker did not acknowledge an event; it stays owed and is published again later. */
public class PublishFailed extends RuntimeException {

    public PublishFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
