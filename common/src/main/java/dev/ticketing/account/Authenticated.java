package dev.ticketing.account;

/**
 * An account whose owner just proved its password (sign up, sign in, password change): what a session
 * token names, including the account's {@code version}, which a password change moves on (so a session
 * started before it is not renewed).
 */
public record Authenticated(String id, String email, long version) {

    /** What the API answers: {@code {id, email}}. */
    public AccountView view() {
        return new AccountView(id, email);
    }

    static Authenticated of(Account account) {
        return new Authenticated(account.id(), account.email(), account.version());
    }
}
