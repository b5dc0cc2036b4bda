package dev.ticketing.payment;

/** What paying answers: {@code {id}}, the charge's id. */
public record ChargeReceipt(String id) {
}
