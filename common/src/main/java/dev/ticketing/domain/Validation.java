package dev.ticketing.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects broken field rules and throws them together:
 * {@code Validation.of().require(ok, "title", "Title is required").orThrow();}
 */
public final class Validation {

    private final List<DomainException.FieldError> errors = new ArrayList<>();

    private Validation() {
    }

    public static Validation of() {
        return new Validation();
    }

    /** Records {@code message} for {@code field} unless {@code condition} holds. */
    public Validation require(boolean condition, String field, String message) {
        if (!condition) {
            errors.add(new DomainException.FieldError(field, message));
        }
        return this;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Throws {@link ValidationFailed} when any rule was broken. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }
}
