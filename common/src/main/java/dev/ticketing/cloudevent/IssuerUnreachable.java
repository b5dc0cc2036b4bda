package dev.ticketing.cloudevent;

/**
 * The sender issuer's keys could not be fetched, so a token cannot be judged: a transient failure
 * (503, retried by the sender), not a refusal of the sender (401, which Knative does not retry).
 */
final class IssuerUnreachable extends RuntimeException {

    IssuerUnreachable() {
        super("The sender issuer's keys cannot be read right now; deliver again later", null, false, false);
    }
}
