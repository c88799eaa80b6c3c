package org.asyncio4j.bench;

import java.util.SplittableRandom;

/** The same pseudo-random timer delays for every JVM peer of W5 (made before timing starts). */
public final class TimerDelays {
    private TimerDelays() {}

    /**
     * Warm-up of every JVM peer: this many rounds of up to WARMUP_N timers (delays up to 20 ms),
     * enough for the JIT to compile the timed loops for good before the measured rounds.
     */
    public static final int WARMUP_ROUNDS = 10;
    public static final int WARMUP_N = 20_000;

    public static long[] nanos(int n, int maxMs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] d = new long[n];
        long max = maxMs * 1_000_000L;
        for (int i = 0; i < n; i++) {
            d[i] = r.nextLong(max + 1);
        }
        return d;
    }
}
