package dev.ticketing.domain;

/** Someone else changed the resource between read and write; reported as 409, never a silent overwrite. */
public class ConcurrentModification extends DomainException {

    public ConcurrentModification() {
        super(Kind.CONFLICT, "The resource was changed by someone else; reload it and try again");
    }
}
