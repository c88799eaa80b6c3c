package org.asyncio4j.bench;

import java.util.SplittableRandom;

/** The same pseudo-random timer delays for every JVM peer of W5 (made before timing starts). */
public final class TimerDelays {
    private TimerDelays() {}

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
