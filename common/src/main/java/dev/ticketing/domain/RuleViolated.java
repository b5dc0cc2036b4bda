package dev.ticketing.domain;

/** A business rule refuses a well-formed request; reported as 400 with the rule's message. */
public class RuleViolated extends DomainException {

    public RuleViolated(String message) {
        super(Kind.REJECTED, message);
    }
}
