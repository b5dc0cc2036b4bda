package dev.ticketing.domain;

/** The caller is signed out, or not the owner of what it asked for; reported as 401 "Not authorized". */
public class NotAuthorized extends DomainException {

    public NotAuthorized() {
        super(Kind.NOT_AUTHORIZED, "Not authorized");
    }
}
