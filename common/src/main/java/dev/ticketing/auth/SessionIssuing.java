package dev.ticketing.auth;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TokenIssuer}, for the functions that sign users in ({@code @Import}ed by signup and signin
 * only): reads the private key from {@code ticketing.session.private-key}, which their configuration
 * takes from {@code JWT_PRIVATE_KEY}. No other function reads it.
 */
@Configuration(proxyBeanMethods = false)
public class SessionIssuing {

    @Bean
    TokenIssuer tokenIssuer(SessionSettings settings, Tokens tokens, Clock clock) {
        return new TokenIssuer(SessionKeys.privateKey(settings.privateKey()), tokens, settings, clock);
    }
}
