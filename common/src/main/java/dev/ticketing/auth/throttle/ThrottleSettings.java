package dev.ticketing.auth.throttle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.throttle.*}: how many failed attempts an account and a client address may make
 * within a window before further attempts answer 429 until the window (counted from the first
 * failure) ends. A refused attempt is not counted, so an account locked by an attacker does not lock
 * the attacker's address out for everyone else behind it any sooner.
 *
 * @param signIn wrong passwords and unknown emails at {@code POST /api/users/signin}
 * @param signUp emails already in use at {@code POST /api/users/signup} (guessing who has an account)
 * @param passwordCheck wrong current passwords at {@code PUT /api/users/currentuser}
 * @param keyPrefix prefix of the Redis keys
 */
@ConfigurationProperties("ticketing.throttle")
public record ThrottleSettings(
        @NestedConfigurationProperty @DefaultValue Limit signIn,
        @NestedConfigurationProperty @DefaultValue Limit signUp,
        @NestedConfigurationProperty @DefaultValue Limit passwordCheck,
        @DefaultValue("ticketing:throttle") String keyPrefix) {

    /**
     * @param perAccount failures one account (an email, or a user id for the password check) may have
     *     per window; 0 turns the per-account limit off
     * @param perAddress failures one client address may have per window; 0 turns it off
     * @param window how long failures are counted, from the first one
     */
    public record Limit(@DefaultValue("5") int perAccount, @DefaultValue("300") int perAddress,
            @DefaultValue("15m") Duration window) {

        public Limit {
            if (perAccount < 0 || perAddress < 0 || window == null || window.toMillis() < 1) {
                throw new IllegalArgumentException("throttle limits must be >= 0 with a positive window");
            }
        }
    }
}
