package dev.ticketing.account;

import dev.ticketing.event.UserCreated;
import dev.ticketing.event.UserUpdated;
import java.time.Instant;
import java.util.Optional;

/** The accounts database. Each write stores its event in the same atomic update (docs/architecture.md#outbox). */
public interface Accounts {

    String nextId();

    Optional<Account> byEmail(String email);

    Optional<Account> byId(String id);

    /** Adds a new account; throws {@link EmailInUse} when the email is taken (enforced by a unique index). */
    void add(Account account, UserCreated event);

    /** Saves {@code account} over version {@code account.version() - 1}; throws on a concurrent change. */
    void update(Account account, UserUpdated event);

    /** Records that a session was signed out; forgotten after {@code until}. */
    void endSession(String sessionId, Instant until);

    /** Whether the session was signed out. */
    boolean sessionEnded(String sessionId);
}
