package dev.ticketing.payment;

import dev.ticketing.domain.ConcurrentModification;
import dev.ticketing.domain.NotAuthorized;
import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.Validation;
import dev.ticketing.event.ChargeCreated;
import dev.ticketing.event.ChargeRefunded;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCompleted;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.event.OrderEnded;
import dev.ticketing.event.OrderEvent;
import dev.ticketing.event.OrderExpired;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The payment use cases: pay an order (emits {@code charge.created}), keep the order view in step
 * with order events, and refund a charge whose order was cancelled or expired first (emits
 * {@code charge.refunded}).
 *
 * <p>Paying claims the order's one charge before asking the provider, so concurrent requests for one
 * order reach the provider at most once; the provider's idempotency key is the order id (a new key
 * only for a new attempt after a decline), so a replayed request never takes the money twice.
 */
public class PaymentService {

    public static final String CURRENCY = "usd";
    private static final int TRIES = 5;

    /** How long after an order was placed its {@code order.created} may still be on its way here. */
    public static final Duration DEFAULT_ORDER_LAG = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ORDER_WAIT = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 100;

    private final Payments payments;
    private final PaymentProvider provider;
    private final Clock clock;
    private final Duration lease;
    private final Duration orderLag;
    private final Duration orderWait;

    /**
     * @param lease how long a request keeps the charge it claimed: longer than the slowest provider
     *     call, after which another request may take over and replay it
     * @param orderLag how long after an order was placed (its id says when) an unknown order may still
     *     be on its way here rather than not exist
     * @param orderWait how long a payment for such an order waits for its {@code order.created} before
     *     it is answered 404 as any unknown order
     */
    public PaymentService(Payments payments, PaymentProvider provider, Clock clock, Duration lease,
            Duration orderLag, Duration orderWait) {
        this.payments = payments;
        this.provider = provider;
        this.clock = clock;
        this.lease = lease;
        this.orderLag = orderLag;
        this.orderWait = orderWait;
    }

    public PaymentService(Payments payments, PaymentProvider provider, Clock clock, Duration lease) {
        this(payments, provider, clock, lease, DEFAULT_ORDER_LAG, DEFAULT_ORDER_WAIT);
    }

    /**
     * Pays an order of the caller with a card token; emits {@code charge.created}. A payment for an
     * order this context has not heard of, placed moments ago by its id, waits up to {@code orderWait}
     * for its {@code order.created} (a buyer paying right after ordering must not see the event lag);
     * any other unknown order, or one still unknown after the wait, is {@code NotFound}.
     */
    public ChargeReceipt charge(ChargeRequest request) {
        Validation.of()
                .require(present(request.orderId()), "orderId", "Order id is required")
                .require(present(request.token()), "token", "Token is required")
                .orThrow();
        if (request.userId() == null) {
            throw new NotAuthorized();
        }
        // ownership first, before anything about the order's state; someone else's order answers
        // exactly as an unknown one (404), so an order id confirms nothing to another user
        String orderId = request.orderId().trim();
        PaymentOrder order = payments.order(orderId)
                .or(() -> OrderLag.mayStillArrive(orderId, clock.instant(), orderLag) ? awaitOrder(orderId)
                        : Optional.empty())
                .filter(known -> known.userId().equals(request.userId()))
                .orElseThrow(NotFound::new);
        Instant now = clock.instant();
        order.checkPayable(now);
        Charge claimed = claim(order, request.token().trim(), now);
        // read again after claiming: an order.cancelled/expired applied meanwhile either is seen here, or
        // sees this claim and is delivered again until the charge settled (see refundIfOrderEnded)
        PaymentOrder current = payments.order(order.id()).orElse(order);
        if (current.status().endedUnpaid()) {
            payments.saveCharge(claimed.declined("The order ended before it was paid"), null);
            current.checkPayable(now);
        }
        Charge succeeded = recordSuccess(claimed, attempt(claimed));
        Optional<OrderStatus> ended;
        try {
            ended = refundIfOrderEnded(order.id());
        } catch (PaymentProviderUnavailable e) {
            // the order's end event is refused until the refund is made, so the broker delivers it again
            throw new PaidOrderEnded(payments.order(order.id()).orElse(current).status(), false);
        }
        if (ended.isPresent()) {
            throw new PaidOrderEnded(ended.get(), true);
        }
        return new ChargeReceipt(succeeded.id());
    }

    /**
     * Consumes {@code order.created}, {@code order.cancelled}, {@code order.expired} and
     * {@code order.completed} into the order view, in version order; refunds the order's charge when
     * it ended unpaid after its charge succeeded (emits {@code charge.refunded}). An order's end is
     * refused with {@link PaymentInProgress} or {@link PaymentProviderUnavailable} (both retryable)
     * while its charge is being paid or its refund could not be made yet, so the broker delivers it
     * again until the charge is settled.
     */
    public Delivery syncOrder(OrderEvent event) {
        return switch (event) {
            case OrderCreated created -> addOrder(created);
            case OrderCancelled cancelled -> advanceOrder(cancelled, OrderStatus.CANCELLED);
            case OrderExpired expired -> advanceOrder(expired, OrderStatus.EXPIRED);
            case OrderCompleted completed -> advanceOrder(completed, OrderStatus.COMPLETE);
        };
    }

    /**
     * Refunds the charge of an order that is cancelled or expired (the lost race: the order ended while
     * or after it was paid). Returns how the order ended when its charge is (now) refunded.
     *
     * @throws PaymentInProgress a request is paying the order right now: ask again once it is done
     * @throws PaymentProviderUnavailable the provider could not refund (or settle) now: ask again later
     */
    public Optional<OrderStatus> refundIfOrderEnded(String orderId) {
        PaymentOrder order = payments.order(orderId).orElse(null);
        if (order == null || !order.status().endedUnpaid()) {
            return Optional.empty();
        }
        for (int i = 0; i < TRIES; i++) {
            Charge charge = payments.chargeOf(orderId).orElse(null);
            if (charge == null) {
                return Optional.empty();
            }
            switch (charge.status()) {
                case REFUNDED -> {
                    return Optional.of(order.status());
                }
                case PENDING -> {
                    if (!charge.leaseExpired(clock.instant())) {
                        throw new PaymentInProgress();
                    }
                    settle(charge);
                }
                case SUCCEEDED -> {
                    String refundId = provider.refund(charge.stripeId(), charge.amount(), charge.refundKey());
                    if (payments.saveCharge(charge.refunded(refundId),
                            new ChargeRefunded(charge.id(), orderId, refundId, charge.amount()))) {
                        return Optional.of(order.status());
                    }
                }
                case DECLINED -> {
                    return Optional.empty();
                }
            }
        }
        throw new ConcurrentModification();
    }

    /**
     * Learns the outcome of an attempt nobody holds any more (its answer was lost and its buyer will
     * not try again, the order having ended) by replaying it with the same idempotency key.
     */
    private void settle(Charge pending) {
        Charge reclaimed = pending.reclaimed(clock.instant().plus(lease));
        if (!payments.saveCharge(reclaimed, null)) {
            return; // someone else took it over; the caller reads it again
        }
        try {
            recordSuccess(reclaimed, attempt(reclaimed));
        } catch (PaymentDeclined | PaymentRejected refused) {
            // nothing was taken: nothing to refund
        }
    }

    /** Asks the provider for the claimed attempt and records a refusal or an unknown outcome. */
    private String attempt(Charge claimed) {
        try {
            return provider.pay(new PaymentRequest(claimed.idempotencyKey(), claimed.amount(), CURRENCY,
                    claimed.token(), claimed.orderId()));
        } catch (PaymentDeclined | PaymentRejected refused) {
            payments.saveCharge(claimed.declined(refused.getMessage()), null);
            throw refused;
        } catch (RuntimeException unknownOutcome) {
            // the money may or may not have been taken: the next request replays the same attempt
            payments.saveCharge(claimed.released(unknownOutcome.getMessage()), null);
            throw unknownOutcome;
        }
    }

    private Charge claim(PaymentOrder order, String token, Instant now) {
        Instant leaseUntil = now.plus(lease);
        for (int i = 0; i < TRIES; i++) {
            Optional<Charge> existing = payments.chargeOf(order.id());
            if (existing.isEmpty()) {
                Charge fresh = Charge.claim(payments.nextChargeId(), order, token, leaseUntil);
                if (payments.addCharge(fresh)) {
                    return fresh;
                }
                continue;
            }
            Charge charge = existing.get();
            Charge next = switch (charge.status()) {
                case SUCCEEDED, REFUNDED -> throw new OrderAlreadyPaid();
                case PENDING -> {
                    if (!charge.leaseExpired(now)) {
                        throw new PaymentInProgress();
                    }
                    yield charge.reclaimed(leaseUntil);
                }
                case DECLINED -> charge.retried(token, leaseUntil);
            };
            if (payments.saveCharge(next, null)) {
                return next;
            }
        }
        throw new PaymentInProgress();
    }

    private Charge recordSuccess(Charge claimed, String paymentId) {
        Charge succeeded = claimed.succeeded(paymentId);
        if (payments.saveCharge(succeeded, new ChargeCreated(succeeded.id(), succeeded.orderId(), paymentId,
                succeeded.amount(), CURRENCY))) {
            return succeeded;
        }
        // our lease ran out and another request replayed the same attempt: it got the same payment
        Charge current = payments.chargeOf(claimed.orderId()).orElseThrow(ConcurrentModification::new);
        if (current.status() == ChargeStatus.PENDING && current.attempt() == claimed.attempt()) {
            Charge taken = current.succeeded(paymentId);
            if (payments.saveCharge(taken, new ChargeCreated(taken.id(), taken.orderId(), paymentId,
                    taken.amount(), CURRENCY))) {
                return taken;
            }
            current = payments.chargeOf(claimed.orderId()).orElseThrow(ConcurrentModification::new);
        }
        if (paymentId.equals(current.stripeId())
                && (current.status() == ChargeStatus.SUCCEEDED || current.status() == ChargeStatus.REFUNDED)) {
            return current;
        }
        throw new ConcurrentModification();
    }

    private Delivery addOrder(OrderCreated event) {
        checkCreated(event);
        PaymentOrder order = new PaymentOrder(event.id(), event.userId(), event.ticket().price(), OrderStatus.CREATED,
                event.version(), event.expiresAt());
        if (payments.addOrder(order)) {
            return Delivery.APPLIED;
        }
        PaymentOrder current = payments.order(event.id()).orElseThrow(ConcurrentModification::new);
        return current.version() == event.version() ? Delivery.DUPLICATE : Delivery.STALE;
    }

    private Delivery advanceOrder(OrderEvent event, OrderStatus status) {
        Validation.of().require(present(event.id()), "id", "Order id is required").orThrow();
        Delivery delivery = null;
        for (int i = 0; i < TRIES && delivery == null; i++) {
            PaymentOrder current = payments.order(event.id()).orElse(null);
            if (current == null || current.version() < event.version() - 1) {
                return Delivery.EARLY;
            }
            if (current.version() >= event.version()) {
                delivery = current.version() == event.version() ? Delivery.DUPLICATE : Delivery.STALE;
            } else if (payments.advanceOrder(current.advancedTo(status, event.version()))) {
                delivery = Delivery.APPLIED;
            }
        }
        if (delivery == null) {
            throw new ConcurrentModification();
        }
        if (event instanceof OrderEnded) {
            // also on a redelivery: a refund that failed before is tried again
            refundIfOrderEnded(event.id());
        }
        return delivery;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** What an {@code order.created} must carry for its order to be payable; else it is refused for good. */
    private static void checkCreated(OrderCreated event) {
        BigDecimal price = event.ticket() == null ? null : event.ticket().price();
        Validation.of()
                .require(present(event.id()), "id", "Order id is required")
                .require(present(event.userId()), "userId", "User id is required")
                .require(price != null && price.signum() > 0, "ticket.price", "Ticket price must be greater than 0")
                .orThrow();
    }

    /** Reads the order again every {@value #POLL_MILLIS} ms for up to {@code orderWait} (real time). */
    private Optional<PaymentOrder> awaitOrder(String orderId) {
        long deadline = System.nanoTime() + orderWait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            Optional<PaymentOrder> order = payments.order(orderId);
            if (order.isPresent()) {
                return order;
            }
        }
        return Optional.empty();
    }
}
