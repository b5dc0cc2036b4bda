package dev.ticketing.payment;

import dev.ticketing.domain.RuleViolated;

/** The order was cancelled or expired while it was being paid: the payment was (or will be) refunded. */
public final class PaidOrderEnded extends RuleViolated {

    public PaidOrderEnded(OrderStatus status, boolean refunded) {
        super("The order was " + (status == OrderStatus.EXPIRED ? "expired" : "cancelled")
                + " while it was being paid; the payment " + (refunded ? "was" : "will be") + " refunded");
    }
}
