package dev.ticketing.domain;

/** The named resource does not exist; reported as 404 "Not Found". */
public class NotFound extends DomainException {

    public NotFound() {
        super(Kind.NOT_FOUND, "Not Found");
    }

    public NotFound(String message) {
        super(Kind.NOT_FOUND, message);
    }
}
