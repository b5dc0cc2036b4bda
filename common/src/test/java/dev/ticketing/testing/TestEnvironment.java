package dev.ticketing.testing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a function under test at the embedded MongoDB-compatible server, the shared
 * {@link EventSink} as {@code K_SINK}, the test session keys ({@code JWT_PUBLIC_KEY}, {@code JWT_PRIVATE_KEY}:
 * only the issuers read the latter), and {@link TestSenders} as the only issuer of event senders. Use
 * through {@link FunctionTest}.
 */
public class TestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.mongodb.uri", EmbeddedServers.mongoUri());
        properties.put("K_SINK", EventSink.shared().url());
        properties.put("JWT_PUBLIC_KEY", TestTokens.PUBLIC_KEY);
        properties.put("JWT_PRIVATE_KEY", TestTokens.PRIVATE_KEY);
        properties.put("ticketing.events.auth.issuer", TestSenders.ISSUER);
        properties.put("ticketing.events.auth.audience", TestSenders.AUDIENCE);
        properties.put("ticketing.events.auth.jwks", TestSenders.jwks());
        properties.put("ticketing.events.auth.subjects", TestSenders.SUBJECTS);
        if (context.getEnvironment().getProperty("ticketing.test.redis", Boolean.class, false)) {
            properties.put("spring.data.redis.url", EmbeddedServers.redisUrl());
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ticketing-test", properties));
    }
}
