package dev.ticketing.account.store;

import dev.ticketing.cloudevent.OutboxCollections;

/** The account documents that owe events. */
public final class AccountDocumentTypes {

    private AccountDocumentTypes() {
    }

    public static OutboxCollections outbox() {
        return OutboxCollections.of(AccountDocument.class);
    }
}
