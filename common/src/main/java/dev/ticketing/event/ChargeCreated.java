package dev.ticketing.event;

/** A payment succeeded ({@code amount} in cents). Emitted by charge; consumed by complete-order. */
public record ChargeCreated(String id, String orderId, String stripeId, long amount) implements Event {

    public static final String TYPE = "dev.ticketing.charge.created";

    @Override
    public String aggregateId() {
        return id;
    }
}
