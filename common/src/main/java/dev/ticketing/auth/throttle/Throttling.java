package dev.ticketing.auth.throttle;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The {@link Throttle} of the functions that check passwords ({@code @Import}ed by signup and signin). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ThrottleSettings.class, ClientAddress.class})
public class Throttling {

    @Bean
    Throttle throttle(StringRedisTemplate redis, ThrottleSettings settings) {
        return new Throttle(redis, settings);
    }
}
