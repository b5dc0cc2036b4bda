package dev.ticketing.signin;

import dev.ticketing.account.AccountService;
import dev.ticketing.account.AccountView;
import dev.ticketing.account.Credentials;
import dev.ticketing.account.store.BcryptPasswordHasher;
import dev.ticketing.account.store.MongoAccounts;
import dev.ticketing.auth.CurrentUser;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The function beans of this module. */
@Configuration(proxyBeanMethods = false)
class SigninFunctions {

    @Bean
    AccountService accountService(MongoTemplate mongo, EventEnvelopes envelopes, Outbox outbox) {
        return new AccountService(new MongoAccounts(mongo, envelopes, outbox), new BcryptPasswordHasher());
    }

    /** {@code POST /api/users/signin}: checks credentials; the route sets the session. */
    @Bean
    Function<Credentials, AccountView> signin(AccountService accounts) {
        return accounts::signIn;
    }

    /** {@code GET /api/users/currentuser}: who the session names, or null. */
    @Bean
    Function<Optional<CurrentUser>, CurrentUserView> currentUser() {
        return user -> new CurrentUserView(user.map(u -> new CurrentUserView.User(u.id(), u.email(),
                u.issuedAt().getEpochSecond())).orElse(null));
    }
}
