/**
 * The stripe-java adapter of {@link dev.ticketing.payment.PaymentProvider}: PaymentIntents created and
 * confirmed with the card token or payment method, refunds, and Stripe's errors read as domain facts.
 */
package dev.ticketing.payment.stripe;
