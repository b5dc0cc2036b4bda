package dev.ticketing.order.store;

import dev.ticketing.cloudevent.OutboxCollections;

/**
 * The order documents that owe events: every module writing orders (place-order, cancel-order,
 * complete-order, expire-order) declares {@code outbox()} as its {@link OutboxCollections} bean.
 */
public final class OrderDocumentTypes {

    private OrderDocumentTypes() {
    }

    public static OutboxCollections outbox() {
        return OutboxCollections.of(OrderDocument.class);
    }
}
