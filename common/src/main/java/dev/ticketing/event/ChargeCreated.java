package dev.ticketing.event;

/**
 * A payment succeeded: {@code amount} in the smallest unit of {@code currency} (ISO 4217, lower case).
 * Emitted by charge; consumed by complete-order, which completes the order only when they are its price.
 */
public record ChargeCreated(String id, String orderId, String stripeId, long amount, String currency)
        implements Event {

    public static final String TYPE = "dev.ticketing.charge.created";

    @Override
    public String aggregateId() {
        return id;
    }
}
