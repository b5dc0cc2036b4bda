package dev.ticketing.payment;

import dev.ticketing.domain.Unavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A payment names an order this context has not learned of yet, and the order is young enough that
 * its {@code order.created} may still be on its way (the contexts share no database: the order view
 * here lags the orders context by the event's delivery). Retryable: the caller asks again in a moment.
 * An order id older than that window names no order at all ({@code NotFound}).
 */
public final class OrderNotKnownYet extends Unavailable {

    public OrderNotKnownYet() {
        super("The order is not known to payments yet; try again in a moment");
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
