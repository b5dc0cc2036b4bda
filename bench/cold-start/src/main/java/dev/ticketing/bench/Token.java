package dev.ticketing.bench;

/** Prints a valid session JWT for the benchmark's JWT_KEY: {@code Token <userId> <email>}. */
public final class Token {

    private Token() {
    }

    public static void main(String[] args) {
        System.out.println(ColdStart.jwt(args.length > 0 ? args[0] : Seeds.SELLER,
                args.length > 1 ? args[1] : Seeds.SELLER_EMAIL));
    }
}
