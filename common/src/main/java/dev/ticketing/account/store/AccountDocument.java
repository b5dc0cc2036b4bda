package dev.ticketing.account.store;

import dev.ticketing.account.Account;
import dev.ticketing.cloudevent.OutboxDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** An account in the {@code accounts} database; {@code email} has a unique index. */
@Document("accounts")
class AccountDocument extends OutboxDocument {

    @Id
    private String id;
    private String email;
    private String passwordHash;
    @Version
    private Long version;

    AccountDocument() {
    }

    static AccountDocument from(Account account) {
        AccountDocument doc = new AccountDocument();
        doc.id = account.id();
        doc.email = account.email();
        doc.passwordHash = account.passwordHash();
        return doc;
    }

    Account toAccount() {
        return new Account(id, email, passwordHash, version == null ? 0 : version);
    }

    @Override
    public String id() {
        return id;
    }

    void passwordHash(String hash) {
        this.passwordHash = hash;
    }

    Long version() {
        return version;
    }
}
