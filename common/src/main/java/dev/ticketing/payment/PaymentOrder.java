package dev.ticketing.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The payments context's view of an order, kept up to date by order events: who may pay it, how
 * much, until when, and the order's {@code version} (event N applies only on top of N-1).
 */
public record PaymentOrder(String id, String userId, BigDecimal price, OrderStatus status, long version,
        Instant expiresAt) {

    /** The price in cents (half-up for prices with more than two decimals): what Stripe charges. */
    public long amountInCents() {
        return price.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The same order at {@code version} with {@code status}. */
    public PaymentOrder advancedTo(OrderStatus status, long version) {
        return new PaymentOrder(id, userId, price, status, version, expiresAt);
    }

    /**
     * Refuses paying this order at {@code now}: a cancelled or expired order (or one past
     * {@code expiresAt}, even before its expiry ran) and a completed one.
     */
    public void checkPayable(Instant now) {
        switch (status) {
            case CANCELLED -> throw new OrderNotPayable("Cannot pay for a cancelled order");
            case EXPIRED -> throw new OrderNotPayable("Cannot pay for an expired order");
            case COMPLETE -> throw new OrderAlreadyPaid();
            case CREATED -> {
                if (expiresAt != null && !now.isBefore(expiresAt)) {
                    throw new OrderNotPayable("Cannot pay for an expired order");
                }
            }
        }
    }
}
