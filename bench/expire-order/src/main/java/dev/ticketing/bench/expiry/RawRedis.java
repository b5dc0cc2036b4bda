package dev.ticketing.bench.expiry;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw sorted-set throughput, as {@code redis-benchmark -P} measures it (redis-benchmark itself is not
 * shipped in the embedded-redis jar): one Lettuce connection, commands pipelined
 * {@value #PIPELINE} at a time (written in one flush, then all replies awaited).
 */
final class RawRedis implements AutoCloseable {

    static final int PIPELINE = 1_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;

    RedisAsyncCommands<String, String> commands() {
        return redis;
    }

    RawRedis(String url) {
        client = RedisClient.create(url);
        connection = client.connect();
        redis = connection.async();
        connection.setAutoFlushCommands(false);
    }

    /** {@code ZADD key score member}, one command per entry, pipelined. */
    Rate zadd(String key, int entries, long firstScore) {
        long start = System.nanoTime();
        pipelined(entries, i -> redis.zadd(key, (double) (firstScore + i), member(i)));
        return new Rate(entries, System.nanoTime() - start);
    }

    /** {@code ZPOPMIN key}, one command per entry, pipelined. */
    Rate zpopmin(String key, int entries) {
        long start = System.nanoTime();
        pipelined(entries, i -> redis.zpopmin(key));
        return new Rate(entries, System.nanoTime() - start);
    }

    /** {@code ZPOPMIN key count}: entries taken {@code count} per command, pipelined. */
    Rate zpopminBatched(String key, int entries, int count) {
        long start = System.nanoTime();
        int commands = (entries + count - 1) / count;
        pipelined(commands, i -> redis.zpopmin(key, count));
        return new Rate(entries, System.nanoTime() - start);
    }

    /** Loads entries {@code ids} into a sorted set with scores {@code firstScore + i}, pipelined in chunks. */
    void load(String key, List<String> ids, long firstScore) {
        int chunk = 1_000;
        int chunks = (ids.size() + chunk - 1) / chunk;
        pipelined(chunks, c -> {
            List<ScoredValue<String>> values = new ArrayList<>(chunk);
            for (int i = c * chunk; i < Math.min(ids.size(), (c + 1) * chunk); i++) {
                values.add(ScoredValue.just(firstScore + i, ids.get(i)));
            }
            @SuppressWarnings("unchecked")
            ScoredValue<String>[] array = values.toArray(new ScoredValue[0]);
            return redis.zadd(key, (Object[]) array);
        });
    }

    String serverVersion() {
        try {
            connection.setAutoFlushCommands(true);
            String info = redis.info("server").get();
            connection.setAutoFlushCommands(false);
            return info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring(14).trim())
                    .findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    private void pipelined(int commands, java.util.function.IntFunction<RedisFuture<?>> command) {
        List<RedisFuture<?>> window = new ArrayList<>(PIPELINE);
        for (int i = 0; i < commands; i++) {
            window.add(command.apply(i));
            if (window.size() == PIPELINE || i == commands - 1) {
                connection.flushCommands();
                if (!LettuceFutures.awaitAll(TIMEOUT, window.toArray(new RedisFuture[0]))) {
                    throw new IllegalStateException("Redis did not answer within " + TIMEOUT);
                }
                window.clear();
            }
        }
    }

    static String member(int i) {
        return String.format("%024x", i);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
