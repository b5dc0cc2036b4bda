package dev.ticketing.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.DomainException;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.Event;
import dev.ticketing.event.UserCreated;
import dev.ticketing.event.UserUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The account rules, without Spring or a database: in-memory ports stand in for MongoDB and bcrypt. */
class AccountServiceTest {

    /** An in-memory {@link Accounts} with the unique-email rule of the real index. */
    static final class InMemoryAccounts implements Accounts {
        final Map<String, Account> byId = new HashMap<>();
        final List<Event> events = new ArrayList<>();
        int ids;

        @Override
        public String nextId() {
            return String.format("%024d", ++ids);
        }

        @Override
        public Optional<Account> byEmail(String email) {
            return byId.values().stream().filter(a -> a.email().equals(email)).findFirst();
        }

        @Override
        public Optional<Account> byId(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public void add(Account account, UserCreated event) {
            if (byEmail(account.email()).isPresent()) {
                throw new EmailInUse();
            }
            byId.put(account.id(), account);
            events.add(event);
        }

        @Override
        public void update(Account account, UserUpdated event) {
            byId.put(account.id(), account);
            events.add(event);
        }

        final Map<String, Instant> endedSessions = new HashMap<>();

        @Override
        public void endSession(String sessionId, Instant until) {
            endedSessions.put(sessionId, until);
        }

        @Override
        public boolean sessionEnded(String sessionId) {
            return endedSessions.containsKey(sessionId);
        }
    }

    /** Reversible "hash" so tests can see what was stored; bcrypt itself is exercised by the HTTP tests. */
    static final class MarkingHasher implements PasswordHasher {
        @Override
        public String hash(String password) {
            return "hashed:" + new StringBuilder(password).reverse();
        }

        @Override
        public boolean matches(String password, String hash) {
            return hash(password).equals(hash);
        }
    }

    final InMemoryAccounts accounts = new InMemoryAccounts();
    final AccountService service = new AccountService(accounts, new MarkingHasher());

    @Test
    void signUpStoresLowerCaseEmailAndHashAndOwesUserCreated() {
        Authenticated view = service.signUp(new Credentials(" Ann@Test.COM ", "secret-pw"));

        Account stored = accounts.byId.get(view.id());
        assertThat(stored.email()).isEqualTo("ann@test.com");
        assertThat(stored.passwordHash()).isEqualTo("hashed:wp-terces").doesNotContain("secret-pw");
        assertThat(accounts.events).containsExactly(new UserCreated(view.id(), "ann@test.com", 0));
    }

    @Test
    void rejectsSecondAccountWithSameEmailInAnyCase() {
        service.signUp(new Credentials("ann@test.com", "secret-pw"));

        assertThatThrownBy(() -> service.signUp(new Credentials("ANN@test.com", "other-password")))
                .isInstanceOf(EmailInUse.class).hasMessage("Email in use");
    }

    @Test
    void reportsEveryBrokenSignupRuleWithItsField() {
        assertThatThrownBy(() -> service.signUp(new Credentials("not-an-email", "abc")))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.fieldErrors()).containsExactly(
                        new DomainException.FieldError("email", "Email must be valid"),
                        new DomainException.FieldError("password", "Password must be between 8 and 64 characters")));
    }

    @Test
    void takesNewPasswordsAsTypedFrom8To64CharactersAndAtMost72Bytes() {
        assertThat(passwordErrors("1234567")).containsExactly("Password must be between 8 and 64 characters");
        assertThat(passwordErrors("x".repeat(65))).containsExactly("Password must be between 8 and 64 characters");
        assertThat(passwordErrors("\u00e9".repeat(37))) // 37 characters, 74 bytes: bcrypt would drop the end
                .containsExactly("Password must be at most 72 bytes in UTF-8 (use fewer non-ASCII characters)");
        assertThat(passwordErrors("        ")).isEmpty(); // spaces are characters like any other

        Authenticated ann = service.signUp(new Credentials("ann@test.com", "  padded secret  "));
        assertThat(accounts.byId.get(ann.id()).passwordHash()).isEqualTo("hashed:" + "  terces deddap  ");
        assertThat(service.signIn(new Credentials("ann@test.com", "  padded secret  ")).id()).isEqualTo(ann.id());
        assertThatThrownBy(() -> service.signIn(new Credentials("ann@test.com", "padded secret")))
                .isInstanceOf(InvalidCredentials.class);
        String sixtyFour = "p".repeat(64);
        service.changePassword(new PasswordChange(ann.id(), "  padded secret  ", sixtyFour));
        assertThat(service.signIn(new Credentials("ann@test.com", sixtyFour)).id()).isEqualTo(ann.id());
    }

    @Test
    void neverSignsInWithAPasswordOver72BytesThatOnlyItsFirst72BytesWouldMatch() {
        // bcrypt reads the first 72 bytes only
        PasswordHasher bcryptLike = new PasswordHasher() {
            @Override
            public String hash(String password) {
                return new MarkingHasher().hash(password.length() > 72 ? password.substring(0, 72) : password);
            }

            @Override
            public boolean matches(String password, String hash) {
                return hash(password).equals(hash);
            }
        };
        AccountService truncating = new AccountService(accounts, bcryptLike);
        accounts.byId.put("1".repeat(24), new Account("1".repeat(24), "ann@test.com", bcryptLike.hash("a".repeat(72)), 0));

        assertThat(truncating.signIn(new Credentials("ann@test.com", "a".repeat(72))).id()).isEqualTo("1".repeat(24));
        assertThatThrownBy(() -> truncating.signIn(new Credentials("ann@test.com", "a".repeat(72) + "whatever")))
                .isInstanceOf(InvalidCredentials.class);
    }

    @Test
    void accountsOpenedUnderTheEarlierRulesStillSignInWithShortOrTrimmedPasswords() {
        // stored as the earlier rules did: 4 to 20 characters, trimmed before hashing
        accounts.byId.put("1".repeat(24), new Account("1".repeat(24), "old@test.com", new MarkingHasher().hash("abcd"), 0));

        assertThat(service.signIn(new Credentials("old@test.com", "abcd")).id()).isEqualTo("1".repeat(24));
        assertThat(service.signIn(new Credentials("old@test.com", " abcd ")).id()).isEqualTo("1".repeat(24));
        assertThatThrownBy(() -> service.signIn(new Credentials("old@test.com", "abc")))
                .isInstanceOf(InvalidCredentials.class);
    }

    @Test
    void aSessionStandsUntilSignedOutOrThePasswordChanges() {
        Authenticated ann = service.signUp(new Credentials("ann@test.com", "secret-pw"));
        assertThat(service.sessionStands(ann.id(), 0, "s1")).isTrue();

        service.signOut("s1", Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(service.sessionStands(ann.id(), 0, "s1")).isFalse();
        assertThat(service.sessionStands(ann.id(), 0, "s2")).isTrue();

        service.changePassword(new PasswordChange(ann.id(), "secret-pw", "another-pw"));
        assertThat(service.sessionStands(ann.id(), 0, "s2")).isFalse();
        assertThat(service.sessionStands(ann.id(), 1, "s3")).isTrue();
        assertThat(service.sessionStands("9".repeat(24), 0, "s4")).isFalse();
    }

    private java.util.List<String> passwordErrors(String password) {
        try {
            service.signUp(new Credentials("p" + password.hashCode() + "@test.com", password));
            return java.util.List.of();
        } catch (ValidationFailed e) {
            return e.fieldErrors().stream().map(DomainException.FieldError::message).toList();
        }
    }

    @Test
    void signInGivesTheSameRefusalForUnknownEmailAndWrongPassword() {
        service.signUp(new Credentials("ann@test.com", "secret-pw"));

        assertThatThrownBy(() -> service.signIn(new Credentials("bob@test.com", "secret-pw")))
                .isInstanceOf(InvalidCredentials.class).hasMessage("Invalid credentials");
        assertThatThrownBy(() -> service.signIn(new Credentials("ann@test.com", "wrong")))
                .isInstanceOf(InvalidCredentials.class).hasMessage("Invalid credentials");
        assertThat(service.signIn(new Credentials("ANN@test.com", "secret-pw")).email()).isEqualTo("ann@test.com");
    }

    @Test
    void changePasswordNeedsTheCurrentOneAndOwesUserUpdatedWithNextVersion() {
        Authenticated view = service.signUp(new Credentials("ann@test.com", "secret-pw"));

        assertThatThrownBy(() -> service.changePassword(new PasswordChange(view.id(), "wrong", "new password")))
                .isInstanceOf(InvalidCredentials.class);
        service.changePassword(new PasswordChange(view.id(), "secret-pw", "new password"));

        assertThat(accounts.byId.get(view.id()).version()).isEqualTo(1);
        assertThat(accounts.events).endsWith(new UserUpdated(view.id(), "ann@test.com", 1));
        assertThat(service.signIn(new Credentials("ann@test.com", "new password")).id()).isEqualTo(view.id());
    }
}
