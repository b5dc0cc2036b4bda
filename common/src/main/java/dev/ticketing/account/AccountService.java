package dev.ticketing.account;

import dev.ticketing.domain.NotAuthorized;
import dev.ticketing.domain.Validation;
import dev.ticketing.event.UserCreated;
import dev.ticketing.event.UserUpdated;
import java.time.Instant;

/**
 * The account use cases: sign up (emits {@code user.created}), sign in, change password (emits
 * {@code user.updated}), and whether a session may be renewed or was ended by signing out.
 */
public class AccountService {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    /** A hash of no one's password, compared against for unknown emails. */
    private volatile String unknownAccountHash;

    public AccountService(Accounts accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    /** Opens an account with the password exactly as typed (8 to 64 characters, at most 72 bytes). */
    public Authenticated signUp(Credentials credentials) {
        credentials.validateForSignUp();
        String email = credentials.normalizedEmail();
        if (accounts.byEmail(email).isPresent()) {
            throw new EmailInUse();
        }
        Account account = new Account(accounts.nextId(), email, hasher.hash(credentials.password()), 0);
        accounts.add(account, new UserCreated(account.id(), account.email(), account.version()));
        return Authenticated.of(account);
    }

    public Authenticated signIn(Credentials credentials) {
        credentials.validateForSignIn();
        Account account = accounts.byEmail(credentials.normalizedEmail()).orElse(null);
        // hash even for unknown emails, so timing does not reveal which accounts exist
        String hash = account == null ? unknownAccountHash() : account.passwordHash();
        boolean matches = matches(credentials.password(), hash);
        if (account == null || !matches) {
            throw new InvalidCredentials();
        }
        return Authenticated.of(account);
    }

    /** Changes the password (new-password rules as sign-up); the account's version moves on. */
    public Authenticated changePassword(PasswordChange change) {
        Credentials.checkNewPassword(Validation.of()
                .require(change.currentPassword() != null && !change.currentPassword().isEmpty(), "currentPassword",
                        "You must supply your current password"), "password", change.password())
                .orThrow();
        Account account = accounts.byId(change.userId()).orElseThrow(NotAuthorized::new);
        if (!matches(change.currentPassword(), account.passwordHash())) {
            throw new InvalidCredentials();
        }
        Account changed = new Account(account.id(), account.email(), hasher.hash(change.password()),
                account.version() + 1);
        accounts.update(changed, new UserUpdated(changed.id(), changed.email(), changed.version()));
        return Authenticated.of(changed);
    }

    /**
     * Whether a session of {@code userId}, started when the account was at {@code accountVersion}, may be
     * renewed: the account still exists, its password has not changed since, and the session was not
     * ended by signing out.
     */
    public boolean sessionStands(String userId, long accountVersion, String sessionId) {
        return accounts.byId(userId).filter(a -> a.version() == accountVersion).isPresent()
                && !accounts.sessionEnded(sessionId);
    }

    /** Ends a session: it is never renewed again. Remembered until {@code until}, when it could not be anyway. */
    public void signOut(String sessionId, Instant until) {
        accounts.endSession(sessionId, until);
    }

    /**
     * The password as typed; for a password with surrounding whitespace, also as the earlier rules stored
     * it (trimmed), so those accounts still sign in. A password over 72 bytes never matches (bcrypt would
     * compare only its first 72).
     */
    private boolean matches(String password, String hash) {
        if (!Credentials.fitsBcrypt(password)) {
            return false;
        }
        if (hasher.matches(password, hash)) {
            return true;
        }
        String trimmed = password.trim();
        return !trimmed.equals(password) && !trimmed.isEmpty() && hasher.matches(trimmed, hash);
    }

    private String unknownAccountHash() {
        String hash = unknownAccountHash;
        if (hash == null) {
            hash = hasher.hash(java.util.UUID.randomUUID().toString());
            unknownAccountHash = hash;
        }
        return hash;
    }
}
