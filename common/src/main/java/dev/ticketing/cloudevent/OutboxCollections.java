package dev.ticketing.cloudevent;

import java.util.List;

/**
 * The document types whose outbox this function relays. Declaring this bean also exposes the
 * {@code relayOutbox} function (consumes {@code dev.knative.sources.ping}).
 */
public record OutboxCollections(List<Class<? extends OutboxDocument>> documentTypes) {

    @SafeVarargs
    public static OutboxCollections of(Class<? extends OutboxDocument>... types) {
        return new OutboxCollections(List.of(types));
    }
}
