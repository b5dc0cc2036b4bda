package dev.ticketing.payment;

import dev.ticketing.event.Event;
import java.util.Optional;

/**
 * The payments database: the order view and the charges (one per order). Each charge write stores
 * the event it owes in the same atomic update (docs/architecture.md#outbox).
 */
public interface Payments {

    String nextChargeId();

    Optional<PaymentOrder> order(String orderId);

    /** Adds the view of a new order; false when the order is already there. */
    boolean addOrder(PaymentOrder order);

    /** Saves {@code order} over version {@code order.version() - 1}; false when the stored version is another. */
    boolean advanceOrder(PaymentOrder order);

    Optional<Charge> chargeOf(String orderId);

    /** Adds a new charge; false when its order has a charge already. */
    boolean addCharge(Charge charge);

    /**
     * Saves {@code charge} over version {@code charge.version() - 1}, owing {@code owed} (may be null)
     * in the same write; false when someone else changed the charge first.
     */
    boolean saveCharge(Charge charge, Event owed);
}
