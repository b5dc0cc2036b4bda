package dev.ticketing.account;

import dev.ticketing.domain.RuleViolated;

/** Unknown email or wrong password: one message for both, so it does not reveal which accounts exist. */
public final class InvalidCredentials extends RuleViolated {

    public InvalidCredentials() {
        super("Invalid credentials");
    }
}
