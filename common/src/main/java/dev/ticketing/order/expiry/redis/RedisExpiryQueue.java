package dev.ticketing.order.expiry.redis;

import dev.ticketing.domain.Unavailable;
import dev.ticketing.order.expiry.ExpiryQueue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnectionCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link ExpiryQueue} in Redis: a sorted set of due entries scored by due time (epoch ms) and a
 * sorted set of claimed entries scored by the end of their lease, both under one hash tag
 * ({@code {prefix}:due}, {@code {prefix}:leased}) so the Lua scripts that move entries between them
 * also run on a Redis Cluster. Each claim is one script call, whatever the batch size, and also
 * removes the previous batch once its work is done.
 */
public class RedisExpiryQueue implements ExpiryQueue {

    public static final String DEFAULT_PREFIX = "ticketing:order-expiry";
    private static final Logger log = LoggerFactory.getLogger(RedisExpiryQueue.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CLAIM = script("claim.lua", List.class);
    private static final RedisScript<Long> SCHEDULE = script("schedule.lua", Long.class);
    private static final RedisScript<Long> RELEASE = script("release.lua", Long.class);

    private final StringRedisTemplate redis;
    private final String due;
    private final String leased;
    private final List<String> keys;

    public RedisExpiryQueue(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.due = "{" + prefix + "}:due";
        this.leased = "{" + prefix + "}:leased";
        this.keys = List.of(due, leased);
    }

    public RedisExpiryQueue(StringRedisTemplate redis) {
        this(redis, DEFAULT_PREFIX);
    }

    /**
     * Opens the Redis connection on a daemon thread now, while the rest of the function starts:
     * Lettuce otherwise connects at the first command, on the first request after a cold start
     * (~0.3 s of it, bench/RESULTS.md). A failure is only logged; the first command connects again
     * (and answers 503 while Redis is down).
     */
    public RedisExpiryQueue connectInBackground() {
        Thread.ofPlatform().daemon().name("redis-connect").start(() -> {
            try {
                redis.execute((RedisCallback<String>) RedisConnectionCommands::ping);
            } catch (RuntimeException e) {
                log.info("Redis not reachable at start-up, the first command will retry: {}", e.getMessage());
            }
        });
        return this;
    }

    /** The key of the sorted set of due entries (scored by due time in epoch ms). */
    public String dueKey() {
        return due;
    }

    /** The key of the sorted set of claimed entries (scored by lease end in epoch ms). */
    public String leasedKey() {
        return leased;
    }

    @Override
    public boolean schedule(String orderId, Instant dueAt) {
        Long added = reach(() -> redis.execute(SCHEDULE, keys, millis(dueAt), orderId));
        return added != null && added == 1L;
    }

    @Override
    public List<String> claim(Instant now, Instant leaseUntil, int limit, Collection<String> completed) {
        Object[] args = new Object[3 + completed.size()];
        args[0] = millis(now);
        args[1] = millis(leaseUntil);
        args[2] = Integer.toString(limit);
        int i = 3;
        for (String id : completed) {
            args[i++] = id;
        }
        List<?> claimed = reach(() -> redis.execute(CLAIM, keys, args));
        List<String> ids = new ArrayList<>(claimed == null ? 0 : claimed.size());
        if (claimed != null) {
            for (Object id : claimed) {
                ids.add((String) id);
            }
        }
        return ids;
    }

    @Override
    public void complete(Collection<String> orderIds) {
        if (!orderIds.isEmpty()) {
            reach(() -> redis.opsForZSet().remove(leased, orderIds.toArray()));
        }
    }

    @Override
    public void release(Collection<String> orderIds, Instant dueAt) {
        if (!orderIds.isEmpty()) {
            Object[] args = new Object[orderIds.size() + 1];
            args[0] = millis(dueAt);
            int i = 1;
            for (String id : orderIds) {
                args[i++] = id;
            }
            reach(() -> redis.execute(RELEASE, keys, args));
        }
    }

    @Override
    public long size() {
        return reach(() -> {
            Long dueCount = redis.opsForZSet().zCard(due);
            Long leasedCount = redis.opsForZSet().zCard(leased);
            return (dueCount == null ? 0 : dueCount) + (leasedCount == null ? 0 : leasedCount);
        });
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static <T> T reach(Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            throw unreachable(e);
        } catch (RedisSystemException e) {
            if (isConnectionProblem(e)) {
                throw unreachable(e);
            }
            throw e;
        }
    }

    private static Unavailable unreachable(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new Unavailable("The order expiry queue is unreachable: " + root.getMessage());
    }

    /**
     * Lettuce reports a command refused or cut off by a lost connection ("Currently not connected",
     * "Connection closed", a reset socket) as a plain {@code RedisException}, which Spring leaves
     * untranslated; an error Redis itself answered (a failing script, a wrong type) is a
     * {@code RedisCommandExecutionException} and no connection problem.
     */
    private static boolean isConnectionProblem(RedisSystemException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof RedisCommandExecutionException) {
                return false;
            }
            if (t instanceof RedisException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static <T> RedisScript<T> script(String name, Class<T> resultType) {
        return RedisScript.of(new ClassPathResource("dev/ticketing/order/expiry/redis/" + name), resultType);
    }
}
