package dev.ticketing.cloudevent;

/** An event whose sender could not be verified: no token, or one this function must not trust. */
final class UnauthenticatedSender extends RuntimeException {

    UnauthenticatedSender(String message) {
        super(message, null, false, false);
    }
}
