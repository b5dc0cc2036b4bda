package dev.ticketing.bench;

/**
 * Prints a valid session JWT under the bench's session key (the functions get it from {@link Sessions#env()}):
 * {@code Token <userId> <email>}.
 */
public final class Token {

    private Token() {
    }

    public static void main(String[] args) {
        System.out.println(Sessions.jwt(args.length > 0 ? args[0] : Seeds.SELLER,
                args.length > 1 ? args[1] : Seeds.SELLER_EMAIL));
    }
}
