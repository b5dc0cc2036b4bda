package dev.ticketing.auth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts failed attempts per account and per client address in Redis, shared by every instance of
 * signup and signin (they scale to zero and out; memory of one instance would forget or split the
 * counts). Each count is a key that expires at the end of its window (fixed window from the first
 * failure): one script call checks, one counts a failure.
 *
 * <p>While Redis cannot be reached the attempts are let through (and logged): signing in stays
 * possible, unthrottled, rather than failing for everyone.
 */
public class Throttle {

    /** What is being attempted, and which of its failures count. */
    public enum Action {
        SIGN_IN("signin"), SIGN_UP("signup"), PASSWORD_CHECK("password");

        private final String key;

        Action(String key) {
            this.key = key;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Throttle.class);
    private static final RedisScript<Long> CHECK = script("check.lua");
    private static final RedisScript<Long> FAIL = script("fail.lua");

    private final StringRedisTemplate redis;
    private final ThrottleSettings settings;

    public Throttle(StringRedisTemplate redis, ThrottleSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    /**
     * Runs {@code attempt} unless {@code account} or {@code address} has used up its failures
     * ({@link TooManyAttempts}); counts a failure against both when it throws what {@code failure} matches.
     */
    public <T> T attempt(Action action, String account, String address, Predicate<RuntimeException> failure,
            Supplier<T> attempt) {
        Keys keys = keys(action, account, address);
        if (!keys.names.isEmpty()) {
            Long wait = reach(() -> redis.execute(CHECK, keys.names, keys.limits()));
            if (wait != null && wait > 0) {
                throw new TooManyAttempts(Duration.ofMillis(wait));
            }
        }
        try {
            return attempt.get();
        } catch (RuntimeException e) {
            if (failure.test(e) && !keys.names.isEmpty()) {
                reach(() -> redis.execute(FAIL, keys.names, Long.toString(keys.window.toMillis())));
            }
            throw e;
        }
    }

    private record Keys(List<String> names, List<String> limitList, Duration window) {
        Object[] limits() {
            return limitList.toArray();
        }
    }

    private Keys keys(Action action, String account, String address) {
        ThrottleSettings.Limit limit = switch (action) {
            case SIGN_IN -> settings.signIn();
            case SIGN_UP -> settings.signUp();
            case PASSWORD_CHECK -> settings.passwordCheck();
        };
        List<String> names = new ArrayList<>(2);
        List<String> limits = new ArrayList<>(2);
        // one hash slot for both keys, so the scripts also run on a Redis Cluster
        String base = "{" + settings.keyPrefix() + "}:" + action.key;
        if (limit.perAccount() > 0 && account != null && !account.isBlank()) {
            // hashed: the keys name no email
            names.add(base + ":account:" + sha256(account.trim().toLowerCase(Locale.ROOT)));
            limits.add(Integer.toString(limit.perAccount()));
        }
        if (limit.perAddress() > 0 && address != null) {
            names.add(base + ":address:" + address);
            limits.add(Integer.toString(limit.perAddress()));
        }
        return new Keys(names, limits, limit.window());
    }

    private static Long reach(Supplier<Long> command) {
        try {
            return command.get();
        } catch (DataAccessException e) {
            log.warn("Attempts not throttled: Redis unreachable: {}", e.getMessage());
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RedisScript<Long> script(String name) {
        return RedisScript.of(new ClassPathResource("dev/ticketing/auth/throttle/" + name), Long.class);
    }
}
