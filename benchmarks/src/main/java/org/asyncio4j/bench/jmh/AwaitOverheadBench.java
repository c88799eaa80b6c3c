package org.asyncio4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.bench.w6.AsyncAwaitLoop;
import org.asyncio4j.bench.w6.AwaitLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * W6: nanoseconds per loop step of an {@code @Async} method awaiting an already-done task, against
 * the same loop calling a plain method. Each invocation runs {@link #N} steps (one event loop per
 * invocation for the @Async side: its cost is amortised over the steps); the sums are returned to
 * JMH. The done task's value comes from a field, so neither loop can be folded to a constant.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AwaitOverheadBench {
    public static final int N = 1_000_000;

    @Param("3")
    public int value;

    private Task<Integer> done;

    @Setup
    public void setUp() {
        done = Task.completed(value);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long asyncio4j() {
        Task<Integer> d = done;
        return Asyncio.run(() -> AsyncAwaitLoop.awaitDone(d, N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long plainCall() {
        return AwaitLoop.plainLoop(done, N);
    }
}
