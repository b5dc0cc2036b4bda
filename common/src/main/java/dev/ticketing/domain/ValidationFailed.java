package dev.ticketing.domain;

import java.util.List;

/** One or more fields break their rules; each {@link FieldError} is reported with its field. */
public final class ValidationFailed extends DomainException {

    public ValidationFailed(List<FieldError> errors) {
        super(Kind.INVALID, errors.isEmpty() ? "Invalid request" : errors.getFirst().message(), errors);
    }
}
