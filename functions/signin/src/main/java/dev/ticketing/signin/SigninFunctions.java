package dev.ticketing.signin;

import dev.ticketing.account.AccountService;
import dev.ticketing.account.Authenticated;
import dev.ticketing.account.Credentials;
import dev.ticketing.account.store.BcryptPasswordHasher;
import dev.ticketing.account.store.MongoAccounts;
import dev.ticketing.auth.CurrentUser;
import dev.ticketing.auth.SessionIssuing;
import dev.ticketing.auth.TokenIssuer;
import dev.ticketing.auth.throttle.Throttling;
import io.lettuce.core.ClientOptions;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The function beans of this module; it holds the session signing key ({@link SessionIssuing}) and
 * throttles failed sign-ins ({@link Throttling}).
 */
@Configuration(proxyBeanMethods = false)
@Import({SessionIssuing.class, Throttling.class})
class SigninFunctions {

    /** While Redis is down, commands fail at once (the attempt goes through unthrottled) instead of waiting. */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    AccountService accountService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        return new AccountService(new MongoAccounts(mongo, envelopes, outbox).ensureIndexes(),
                new BcryptPasswordHasher());
    }

    /** {@code POST /api/users/signin}: checks credentials; the route starts the session. */
    @Bean
    Function<Credentials, Authenticated> signin(AccountService accounts) {
        return accounts::signIn;
    }

    /**
     * {@code GET /api/users/currentuser}: who the session names, or null. A token older than
     * {@code ticketing.session.renew-after} is renewed when its session still stands (not signed out, the
     * password unchanged since); when it does not, the answer is null and the cookie is cleared.
     */
    @Bean
    Function<Optional<CurrentUser>, SessionCheck> currentUser(AccountService accounts, TokenIssuer issuer) {
        return user -> {
            if (user.isEmpty()) {
                return SessionCheck.SIGNED_OUT;
            }
            CurrentUser u = user.get();
            if (!issuer.renewalDue(u)) {
                return new SessionCheck(u, null, false);
            }
            if (!accounts.sessionStands(u.id(), u.accountVersion(), u.sessionId())) {
                return new SessionCheck(null, null, true);
            }
            return new SessionCheck(u, issuer.renew(u), false);
        };
    }

    /** {@code POST /api/users/signout}: the caller's session is never renewed again. */
    @Bean
    Function<Optional<CurrentUser>, Boolean> signout(AccountService accounts, TokenIssuer issuer) {
        return user -> {
            user.ifPresent(u -> accounts.signOut(u.sessionId(), issuer.sessionEnd(u.signedInAt())));
            return user.isPresent();
        };
    }

    /**
     * What {@code currentUser} found: the user (null when signed out), a renewed token to set, and
     * whether the session had ended (the cookie is cleared).
     */
    record SessionCheck(CurrentUser user, String renewedToken, boolean ended) {
        static final SessionCheck SIGNED_OUT = new SessionCheck(null, null, false);

        CurrentUserView view() {
            return new CurrentUserView(user == null ? null
                    : new CurrentUserView.User(user.id(), user.email(), user.issuedAt().getEpochSecond()));
        }
    }
}
