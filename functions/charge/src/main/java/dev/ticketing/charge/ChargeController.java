package dev.ticketing.charge;

import dev.ticketing.auth.CurrentUser;
import dev.ticketing.payment.ChargeReceipt;
import dev.ticketing.payment.ChargeRequest;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/payments {orderId, token}} -> 201 {@code {id}}, through the {@code charge} function. */
@RestController
class ChargeController {

    private final Function<ChargeRequest, ChargeReceipt> charge;

    ChargeController(@Qualifier("charge") Function<ChargeRequest, ChargeReceipt> charge) {
        this.charge = charge;
    }

    @PostMapping("/api/payments")
    ResponseEntity<ChargeReceipt> charge(CurrentUser user, @RequestBody PaymentForm form) {
        ChargeReceipt receipt = charge.apply(new ChargeRequest(user.id(), form.orderId(), form.token()));
        return ResponseEntity.status(HttpStatus.CREATED).body(receipt);
    }

    /** The body the original web client sends: the order and a Stripe card token (or payment method). */
    record PaymentForm(String orderId, String token) {
    }
}
