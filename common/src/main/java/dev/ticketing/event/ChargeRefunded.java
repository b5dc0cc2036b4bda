package dev.ticketing.event;

/** A charge was refunded because its order had ended first (amount in cents). Emitted by charge; no consumer yet. */
public record ChargeRefunded(String id, String orderId, String stripeRefundId, long amount) implements Event {

    public static final String TYPE = "dev.ticketing.charge.refunded";

    @Override
    public String aggregateId() {
        return id;
    }
}
