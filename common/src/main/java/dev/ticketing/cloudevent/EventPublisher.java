package dev.ticketing.cloudevent;

/** Sends one CloudEvent to the broker; throws {@link PublishFailed} when the broker did not take it. */
public interface EventPublisher {

    void publish(OutgoingEvent event);

    /** Where events go, for logs. */
    String describe();
}
