package dev.ticketing.event;

/**
 * A timer tick from a Knative PingSource ({@code dev.knative.sources.ping}); its data is whatever the
 * source was configured with and is ignored. Not an {@link Event}: no context emits it.
 */
public record PingTick(String id) {

    public static final String TYPE = "dev.knative.sources.ping";
}
