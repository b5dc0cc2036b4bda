package dev.ticketing.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Session auth for every function: {@link Tokens} keyed by {@code JWT_KEY} (startup fails without a
 * 256-bit key), the {@code session} cookie, and the {@link CurrentUser} controller parameter.
 */
@AutoConfiguration(afterName = "dev.ticketing.cloudevent.EventsAutoConfiguration")
public class AuthAutoConfiguration {

    @Bean
    Tokens tokens(@Value("${JWT_KEY:}") String key,
            @Value("${ticketing.session.lifetime:24h}") Duration lifetime, Clock clock) {
        return new Tokens(key, lifetime, clock);
    }

    @Bean
    SessionCookie sessionCookie(JsonMapper json, @Value("${ticketing.session.secure:true}") boolean secure,
            @Value("${ticketing.session.lifetime:24h}") Duration lifetime) {
        return new SessionCookie(json, secure, lifetime);
    }

    @Bean
    WebMvcConfigurer currentUserArguments(Tokens tokens, SessionCookie cookie) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserResolver(tokens, cookie));
            }
        };
    }
}
