package dev.ticketing.payment.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.ticketing.payment.PaymentDeclined;
import dev.ticketing.payment.PaymentProvider;
import dev.ticketing.payment.PaymentProviderUnavailable;
import dev.ticketing.payment.PaymentRejected;
import dev.ticketing.payment.PaymentRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays through Stripe's PaymentIntents with {@code stripe-java}: one PaymentIntent per payment,
 * created and confirmed at once ({@code confirm=true}, cards only, failing instead of asking for
 * 3-D Secure), with the request's idempotency key, so a replay returns the first outcome.
 */
public class StripePaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);
    private static final String UNAVAILABLE = "Payments are temporarily unavailable; try again later";

    private final StripeClient client;

    public StripePaymentProvider(StripeSettings settings) {
        this.client = StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(settings.apiBase())
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                .build();
        log.info("Paying through Stripe at {}", settings.apiBase());
    }

    @Override
    public String pay(PaymentRequest request) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount())
                .setCurrency(request.currency())
                .setConfirm(true)
                .addPaymentMethodType("card")
                .setErrorOnRequiresAction(true)
                .putMetadata("orderId", request.orderId());
        if (request.token().startsWith("pm_")) {
            params.setPaymentMethod(request.token());
        } else {
            // a card token from Stripe.js / Elements (tok_...), as the original client sends
            params.putExtraParam("payment_method_data", Map.of("type", "card", "card", Map.of("token", request.token())));
        }
        PaymentIntent intent;
        try {
            intent = client.v1().paymentIntents().create(params.build(), options(request.idempotencyKey()));
        } catch (CardException e) {
            throw new PaymentDeclined(message(e));
        } catch (IdempotencyException e) {
            log.error("Stripe refused idempotency key {}: {}", request.idempotencyKey(), e.getMessage());
            throw new PaymentProviderUnavailable(UNAVAILABLE);
        } catch (InvalidRequestException e) {
            throw new PaymentRejected(message(e));
        } catch (StripeException e) {
            throw unavailable("payment " + request.idempotencyKey(), e);
        }
        return switch (intent.getStatus()) {
            case "succeeded" -> intent.getId();
            case "requires_payment_method", "requires_action", "canceled" -> throw new PaymentDeclined(
                    intent.getLastPaymentError() == null ? null : intent.getLastPaymentError().getMessage());
            default -> {
                log.warn("Stripe left PaymentIntent {} {}", intent.getId(), intent.getStatus());
                throw new PaymentProviderUnavailable(UNAVAILABLE);
            }
        };
    }

    @Override
    public String refund(String paymentId, long amount, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(paymentId).setAmount(amount).build();
        try {
            Refund refund = client.v1().refunds().create(params, options(idempotencyKey));
            return refund.getId();
        } catch (StripeException e) {
            throw unavailable("refund of " + paymentId, e);
        }
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private static PaymentProviderUnavailable unavailable(String what, StripeException e) {
        if (e instanceof AuthenticationException || e instanceof PermissionException) {
            log.error("Stripe refused our key for {}: {} (check STRIPE_KEY)", what, e.getMessage());
        } else {
            log.warn("Stripe failed the {}: {}", what, e.getMessage());
        }
        return new PaymentProviderUnavailable(UNAVAILABLE);
    }

    /** Stripe's own message ("Your card was declined."), without the request id the exception adds. */
    private static String message(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : e.getUserMessage();
    }
}
