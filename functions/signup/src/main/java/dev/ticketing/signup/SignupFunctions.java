package dev.ticketing.signup;

import dev.ticketing.account.AccountService;
import dev.ticketing.account.Authenticated;
import dev.ticketing.account.Credentials;
import dev.ticketing.account.PasswordChange;
import dev.ticketing.account.store.AccountDocumentTypes;
import dev.ticketing.account.store.BcryptPasswordHasher;
import dev.ticketing.account.store.MongoAccounts;
import dev.ticketing.auth.SessionIssuing;
import dev.ticketing.auth.throttle.Throttling;
import io.lettuce.core.ClientOptions;
import dev.ticketing.cloudevent.EventEnvelopes;
import dev.ticketing.cloudevent.Outbox;
import dev.ticketing.cloudevent.OutboxCollections;
import java.util.function.Function;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The function beans of this module; it holds the session signing key ({@link SessionIssuing}) and
 * throttles emails in use and wrong current passwords ({@link Throttling}).
 */
@Configuration(proxyBeanMethods = false)
@Import({SessionIssuing.class, Throttling.class})
class SignupFunctions {

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

    @Bean
    OutboxCollections outboxCollections() {
        return AccountDocumentTypes.outbox();
    }

    /** {@code POST /api/users/signup}: opens an account, emits {@code user.created}. */
    @Bean
    Function<Credentials, Authenticated> signup(AccountService accounts) {
        return accounts::signUp;
    }

    /** {@code PUT /api/users/currentuser}: changes the caller's password, emits {@code user.updated}. */
    @Bean
    Function<PasswordChange, Authenticated> updateAccount(AccountService accounts) {
        return accounts::changePassword;
    }
}
