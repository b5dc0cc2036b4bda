package dev.ticketing.expireorder;

import dev.ticketing.order.expiry.ExpirySettings;
import dev.ticketing.order.expiry.redis.RedisExpiryQueue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.expiry.*}: the queue's claims ({@code batch-size} entries, leased for {@code lease}),
 * {@code concurrency} orders expired at once, the Redis {@code key-prefix}, and the sweep of the orders
 * store ({@code sweep-after} past {@code expiresAt}, at most {@code sweep-limit} orders per tick; 0
 * turns the sweep off).
 */
@ConfigurationProperties("ticketing.expiry")
record ExpiryProperties(
        @DefaultValue("256") int batchSize,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("16") int concurrency,
        @DefaultValue(RedisExpiryQueue.DEFAULT_PREFIX) String keyPrefix,
        @DefaultValue("30s") Duration sweepAfter,
        @DefaultValue("2048") int sweepLimit) {

    ExpirySettings settings() {
        return new ExpirySettings(batchSize, lease, concurrency, sweepAfter, sweepLimit);
    }
}
