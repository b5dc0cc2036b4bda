package dev.ticketing.account;

/** A user's account: its email (stored lower-case), a slow salted password hash, and its version. */
public record Account(String id, String email, String passwordHash, long version) {

    /** What the API and events may show of an account: never the hash. */
    public AccountView view() {
        return new AccountView(id, email);
    }
}
