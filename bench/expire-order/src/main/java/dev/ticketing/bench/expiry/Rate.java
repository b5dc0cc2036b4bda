package dev.ticketing.bench.expiry;

/** {@code count} entries handled in {@code nanos}. */
record Rate(long count, long nanos) {

    double perSecond() {
        return count * 1e9 / nanos;
    }

    double seconds() {
        return nanos / 1e9;
    }

    String show() {
        return String.format("%,.0f/s (%,d in %.2f s)", perSecond(), count, seconds());
    }
}
