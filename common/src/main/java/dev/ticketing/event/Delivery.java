package dev.ticketing.event;

/**
 * What an event consumer made of one delivery. Adapters answer 2xx for every outcome but
 * {@link #EARLY}, which asks the broker to deliver again later.
 */
public enum Delivery {
    /** The event changed state (and its resulting event is owed). */
    APPLIED,
    /** The event was seen before; nothing changed, the resulting event was owed again. */
    DUPLICATE,
    /** A newer version is already applied; the event is acknowledged and ignored. */
    STALE,
    /** A predecessor has not arrived yet; retry later. */
    EARLY
}
