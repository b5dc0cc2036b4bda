package dev.ticketing.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.DomainException;
import dev.ticketing.domain.ValidationFailed;
import dev.ticketing.event.Event;
import dev.ticketing.event.UserCreated;
import dev.ticketing.event.UserUpdated;
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
        AccountView view = service.signUp(new Credentials(" Ann@Test.COM ", "secret"));

        Account stored = accounts.byId.get(view.id());
        assertThat(stored.email()).isEqualTo("ann@test.com");
        assertThat(stored.passwordHash()).isEqualTo("hashed:terces").doesNotContain("secret");
        assertThat(accounts.events).containsExactly(new UserCreated(view.id(), "ann@test.com", 0));
    }

    @Test
    void rejectsSecondAccountWithSameEmailInAnyCase() {
        service.signUp(new Credentials("ann@test.com", "secret"));

        assertThatThrownBy(() -> service.signUp(new Credentials("ANN@test.com", "other")))
                .isInstanceOf(EmailInUse.class).hasMessage("Email in use");
    }

    @Test
    void reportsEveryBrokenSignupRuleWithItsField() {
        assertThatThrownBy(() -> service.signUp(new Credentials("not-an-email", "abc")))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.fieldErrors()).containsExactly(
                        new DomainException.FieldError("email", "Email must be valid"),
                        new DomainException.FieldError("password", "Password must be between 4 and 20 characters")));
    }

    @Test
    void signInGivesTheSameRefusalForUnknownEmailAndWrongPassword() {
        service.signUp(new Credentials("ann@test.com", "secret"));

        assertThatThrownBy(() -> service.signIn(new Credentials("bob@test.com", "secret")))
                .isInstanceOf(InvalidCredentials.class).hasMessage("Invalid credentials");
        assertThatThrownBy(() -> service.signIn(new Credentials("ann@test.com", "wrong")))
                .isInstanceOf(InvalidCredentials.class).hasMessage("Invalid credentials");
        assertThat(service.signIn(new Credentials("ANN@test.com", "secret")).email()).isEqualTo("ann@test.com");
    }

    @Test
    void changePasswordNeedsTheCurrentOneAndOwesUserUpdatedWithNextVersion() {
        AccountView view = service.signUp(new Credentials("ann@test.com", "secret"));

        assertThatThrownBy(() -> service.changePassword(new PasswordChange(view.id(), "wrong", "newpass")))
                .isInstanceOf(InvalidCredentials.class);
        service.changePassword(new PasswordChange(view.id(), "secret", "newpass"));

        assertThat(accounts.byId.get(view.id()).version()).isEqualTo(1);
        assertThat(accounts.events).endsWith(new UserUpdated(view.id(), "ann@test.com", 1));
        assertThat(service.signIn(new Credentials("ann@test.com", "newpass")).id()).isEqualTo(view.id());
    }
}
