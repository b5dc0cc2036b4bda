package dev.ticketing.payment.store;

import dev.ticketing.cloudevent.OutboxCollections;

/** The payment documents that owe events (charges: {@code charge.created}, {@code charge.refunded}). */
public final class PaymentDocumentTypes {

    private PaymentDocumentTypes() {
    }

    public static OutboxCollections outbox() {
        return OutboxCollections.of(ChargeDocument.class);
    }
}
