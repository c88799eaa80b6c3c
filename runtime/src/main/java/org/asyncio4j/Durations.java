package org.asyncio4j;

import java.time.Duration;

final class Durations {
    private Durations() {}

    /** Duration to nanoseconds, saturating instead of overflowing (Duration.ofDays(1e6) is "never"). */
    static long toNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    static long require(Duration d, String what) {
        if (d == null) {
            throw new NullPointerException(what + " must not be null (use Duration.ZERO for 'now')");
        }
        return toNanos(d);
    }

    /** now + delta without overflow. */
    static long deadline(long now, long delta) {
        long r = now + delta;
        if (((now ^ r) & (delta ^ r)) < 0) {
            return delta > 0 ? Long.MAX_VALUE / 2 : Long.MIN_VALUE / 2;
        }
        return r;
    }
}
