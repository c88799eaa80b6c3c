package org.asyncio4j.bench.traces;

import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * An exception thrown three awaits deep and caught by the caller of the outermost one; the
 * processor compiles this class to {@code AsyncThrower}. {@code suspend}: the innermost method
 * really suspends first (Asyncio.sleep(0)), so the exception leaves each machine from the loop;
 * otherwise the three run eagerly inside the caller's step.
 */
public class Thrower {
    @Async
    public Task<Integer> deep3(boolean suspend, int i) {
        if (suspend) {
            Await.on(Asyncio.sleep(java.time.Duration.ZERO));
        }
        throw new IllegalStateException("three awaits deep " + i);
    }

    @Async
    public Task<Integer> deep2(boolean suspend, int i) {
        return Task.completed(Await.on(deep3(suspend, i)) + 1);
    }

    @Async
    public Task<Integer> deep1(boolean suspend, int i) {
        return Task.completed(Await.on(deep2(suspend, i)) + 1);
    }

    /** Throws through three awaits and catches it, {@code n} times; returns a checksum of the traces. */
    @Async
    public Task<Long> loop(boolean suspend, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            try {
                sum += Await.on(deep1(suspend, i));
            } catch (IllegalStateException e) {
                sum += e.getStackTrace().length; // the trace is read, as a log line would
            }
        }
        return Task.completed(sum);
    }

    /** The same exception through three plain calls: the cost of throwing and reading a trace alone. */
    static int plain3(int i) {
        return plain2(i) + 1;
    }

    static int plain2(int i) {
        return plain1(i) + 1;
    }

    static int plain1(int i) {
        throw new IllegalStateException("three calls deep " + i);
    }
}
