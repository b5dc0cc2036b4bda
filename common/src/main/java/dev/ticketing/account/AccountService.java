package dev.ticketing.account;

import dev.ticketing.domain.NotAuthorized;
import dev.ticketing.domain.Validation;
import dev.ticketing.event.UserCreated;
import dev.ticketing.event.UserUpdated;

/** The account use cases: sign up (emits {@code user.created}), sign in, change password (emits {@code user.updated}). */
public class AccountService {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    /** A hash of no one's password, compared against for unknown emails. */
    private volatile String unknownAccountHash;

    public AccountService(Accounts accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    public AccountView signUp(Credentials credentials) {
        credentials.validateForSignUp();
        String email = credentials.normalizedEmail();
        if (accounts.byEmail(email).isPresent()) {
            throw new EmailInUse();
        }
        Account account = new Account(accounts.nextId(), email, hasher.hash(credentials.password().trim()), 0);
        accounts.add(account, new UserCreated(account.id(), account.email(), account.version()));
        return account.view();
    }

    public AccountView signIn(Credentials credentials) {
        credentials.validateForSignIn();
        Account account = accounts.byEmail(credentials.normalizedEmail()).orElse(null);
        // hash even for unknown emails, so timing does not reveal which accounts exist
        String hash = account == null ? unknownAccountHash() : account.passwordHash();
        boolean matches = hasher.matches(credentials.password().trim(), hash);
        if (account == null || !matches) {
            throw new InvalidCredentials();
        }
        return account.view();
    }

    public AccountView changePassword(PasswordChange change) {
        Validation.of()
                .require(change.currentPassword() != null && !change.currentPassword().isBlank(), "currentPassword",
                        "You must supply your current password")
                .require(Credentials.validNewPassword(change.password()), "password",
                        "Password must be between 4 and 20 characters")
                .orThrow();
        Account account = accounts.byId(change.userId()).orElseThrow(NotAuthorized::new);
        if (!hasher.matches(change.currentPassword().trim(), account.passwordHash())) {
            throw new InvalidCredentials();
        }
        Account changed = new Account(account.id(), account.email(), hasher.hash(change.password().trim()),
                account.version() + 1);
        accounts.update(changed, new UserUpdated(changed.id(), changed.email(), changed.version()));
        return changed.view();
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
