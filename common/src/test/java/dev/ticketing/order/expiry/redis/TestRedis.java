package dev.ticketing.order.expiry.redis;

import dev.ticketing.testing.EmbeddedServers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Redis clients for plain tests: the shared embedded redis-server, or any {@code redis://} URL. */
public final class TestRedis {

    private static StringRedisTemplate shared;

    private TestRedis() {
    }

    /** A client of the embedded redis-server shared by the tests of this JVM. */
    public static synchronized StringRedisTemplate shared() {
        if (shared == null) {
            shared = connect(EmbeddedServers.redisUrl());
        }
        return shared;
    }

    /** A queue under a fresh key prefix, so tests sharing the server never see each other's entries. */
    public static RedisExpiryQueue freshQueue() {
        return new RedisExpiryQueue(shared(), "test-" + UUID.randomUUID());
    }

    /**
     * A client that fails fast as the expire-order function's does: short timeouts, and commands
     * refused while disconnected instead of queued.
     */
    public static StringRedisTemplate connect(String url) {
        URI uri = URI.create(url);
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofSeconds(2))
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                        .build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()), client);
        factory.afterPropertiesSet();
        factory.start();
        return new StringRedisTemplate(factory);
    }
}
