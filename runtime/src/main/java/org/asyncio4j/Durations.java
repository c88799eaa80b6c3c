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

    /** A duration for messages: "300 ms", "1.5 s", "250 us". */
    static String text(long nanos) {
        if (nanos < 1_000_000) {
            return nanos % 1_000 == 0 ? nanos / 1_000 + " us" : nanos + " ns";
        }
        if (nanos < 1_000_000_000) {
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        return trim(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9)) + " s";
    }

    /** A loop time for messages, in seconds: "1.25 s". */
    static String seconds(long loopNanos) {
        return trim(String.format(java.util.Locale.ROOT, "%.3f", loopNanos / 1e9)) + " s";
    }

    private static String trim(String decimal) {
        String t = decimal.replaceAll("0+$", "");
        return t.endsWith(".") ? t + "0" : t;
    }
}
