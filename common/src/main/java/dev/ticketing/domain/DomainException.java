package dev.ticketing.domain;

import java.util.List;

/**
 * A use case refused a request. Subclasses are domain facts ({@code EmailInUse},
 * {@code TicketAlreadyReserved}); the {@link Kind} says how an adapter reports it, so domain code
 * never names an HTTP status.
 */
public abstract class DomainException extends RuntimeException {

    /** How the caller should read the refusal. */
    public enum Kind {
        /** The input breaks a validation rule; {@link #fieldErrors()} says which. */
        INVALID,
        /** The input is well formed but a business rule refuses it. */
        REJECTED,
        /** The caller is not signed in, or may not touch this resource. */
        NOT_AUTHORIZED,
        /** The resource does not exist (or the id cannot name one). */
        NOT_FOUND,
        /** The resource changed concurrently; retrying may succeed. */
        CONFLICT,
        /** A payment provider refused the payment. */
        PAYMENT_REFUSED,
        /** A dependency is unreachable; retrying later may succeed. */
        UNAVAILABLE
    }

    /** One broken validation rule: the field and a message a user can read. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final List<FieldError> fieldErrors;

    protected DomainException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    protected DomainException(Kind kind, String message, List<FieldError> fieldErrors) {
        super(message, null, false, false);
        this.kind = kind;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
