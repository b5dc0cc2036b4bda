package dev.ticketing.account;

import dev.ticketing.domain.RuleViolated;

/** Signup with an email another account has (compared case-insensitively). */
public final class EmailInUse extends RuleViolated {

    public EmailInUse() {
        super("Email in use");
    }
}
