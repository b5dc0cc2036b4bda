package dev.ticketing.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The lag of this context's order view behind the orders context (the contexts share no database:
 * an order is known here once its {@code order.created} was delivered). An unknown order whose id was
 * made within the lag may still arrive; an older one names no order at all.
 */
final class OrderLag {

    private OrderLag() {
    }

    /**
     * Whether an unknown {@code orderId} may still be an order whose {@code order.created} is on its
     * way: its id says it was made less than {@code lag} before {@code now}. Order ids are MongoDB
     * ObjectIds (24 hex digits, the event catalog's order id), whose first 4 bytes are the second they
     * were made in; any other id is never young.
     */
    static boolean mayStillArrive(String orderId, Instant now, Duration lag) {
        return madeAt(orderId).filter(made -> !made.isBefore(now.minus(lag).minusSeconds(1))
                && !made.isAfter(now.plus(lag))).isPresent();
    }

    private static Optional<Instant> madeAt(String orderId) {
        if (orderId.length() != 24) {
            return Optional.empty();
        }
        for (int i = 0; i < orderId.length(); i++) {
            if (!HexFormat.isHexDigit(orderId.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(Instant.ofEpochSecond(HexFormat.fromHexDigitsToLong(orderId, 0, 8)));
    }
}
