package dev.ticketing.event;

/**
 * A fact one context announces to the others (docs/architecture.md#catalog). Each record names its CloudEvent
 * {@code type} in a {@code TYPE} constant and is listed in {@link EventCatalog}; its JSON form is
 * checked against {@code schemas/<type>.json}.
 */
public sealed interface Event permits UserCreated, UserUpdated, TicketEvent, OrderEvent,
        ChargeCreated, ChargeRefunded {

    /** The id of the aggregate the event is about: the CloudEvent {@code subject} and {@code partitionkey}. */
    String aggregateId();

    /** The CloudEvent {@code type}. */
    default String type() {
        return EventCatalog.typeOf(getClass());
    }
}
