package dev.ticketing.auth;

import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Session auth for every function: {@link Tokens} verifying with the Ed25519 public key
 * {@code JWT_PUBLIC_KEY} (startup fails without one), the {@code session} cookie, and the
 * {@link CurrentUser} controller parameter.
 */
@AutoConfiguration(afterName = "dev.ticketing.cloudevent.EventsAutoConfiguration")
@EnableConfigurationProperties(SessionSettings.class)
public class AuthAutoConfiguration {

    @Bean
    Tokens tokens(@Value("${JWT_PUBLIC_KEY:}") String publicKey, Clock clock) {
        return new Tokens(SessionKeys.publicKey(publicKey), clock);
    }

    @Bean
    SessionCookie sessionCookie(JsonMapper json, SessionSettings settings) {
        return new SessionCookie(json, settings.secure(), settings.lifetime());
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
