package org.asyncio4j.bench.gen;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.bench.Measure;

/**
 * W9 on asyncio4j: n elements through an async generator ({@code @Async} returning AsyncIterable,
 * {@code Await.yield}) consumed by {@code for (int x : Await.each(...))}, both compiled by the
 * processor, {@code rounds} times (one loop each). Time and bytes allocated by the loop thread, per element; the elements are boxed
 * before the run, so the bytes are the library's own.
 */
public final class GeneratorItems {
    private GeneratorItems() {}

    public static void main(String[] args) {
        Map<String, String> a = Measure.args(args);
        int n = Measure.intArg(a, "n");
        int rounds = Measure.intArg(a, "rounds");
        Integer[] items = new Integer[n];
        for (int i = 0; i < n; i++) {
            items[i] = i;
        }
        Items gen = new AsyncItems(items);
        long expected = (long) n * (n - 1) / 2;
        for (int w = 0; w < 5; w++) {
            check(Asyncio.run(() -> gen.sum(n)), expected); // warm-up
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long b0 = mx.getCurrentThreadAllocatedBytes();
        long c0 = Measure.cpuNanos();
        long t0 = System.nanoTime();
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            sum = Asyncio.run(() -> gen.sum(n));
        }
        long ns = System.nanoTime() - t0;
        long cpu = Measure.cpuNanos() - c0;
        long bytes = mx.getCurrentThreadAllocatedBytes() - b0;
        check(sum, expected);
        Measure.sink = sum;
        new Measure().put("n", n).put("rounds", rounds).put("nsPerItem", (double) ns / n / rounds)
                .put("cpuNsPerItem", (double) cpu / n / rounds).put("bytesPerItem", (double) bytes / n / rounds).emit();
    }

    private static void check(long sum, long expected) {
        if (sum != expected) {
            throw new AssertionError("sum " + sum + ", expected " + expected);
        }
    }
}
