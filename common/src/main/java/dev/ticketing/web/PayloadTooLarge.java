package dev.ticketing.web;

import java.io.IOException;

/** A request body over the configured limit; answered 413. */
class PayloadTooLarge extends IOException {

    PayloadTooLarge(long limit) {
        super("Request body is larger than " + limit + " bytes");
    }
}
