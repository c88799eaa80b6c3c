package org.asyncio4j.bench.jmh;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.bench.a4j.PingPong;
import org.asyncio4j.bench.cf.PingPongCf;
import org.asyncio4j.bench.kotlin.PingPongKt;
import org.asyncio4j.bench.vt.PingPongVt;
import org.asyncio4j.bench.vt.VirtualThreads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W2 ping-pong: every invocation passes a token {@link #HANDOFFS} times between two tasks (each
 * put-to-get transfer through a 1-slot queue counts once), so the score is hand-offs per second.
 * The result is returned to JMH, which consumes it (no dead-code elimination).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PingPongBench {
    public static final int HANDOFFS = 100_000;

    private ExecutorService cfLoop;
    private ThreadFactory virtual;

    @Setup(Level.Trial)
    public void setUp() {
        cfLoop = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cfLoop.shutdown();
    }

    /** asyncio4j: two {@code AsyncQueue<>(1)}. */
    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int asyncio4j() {
        return PingPong.run(HANDOFFS);
    }

    /** Kotlin {@code Channel(1)} under {@code runBlocking}. */
    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int kotlin() {
        return PingPongKt.pingPong(HANDOFFS);
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int completableFuture() {
        return PingPongCf.run(cfLoop, HANDOFFS);
    }

    /** Two virtual threads, {@code SynchronousQueue}; only run on JDK 21+. */
    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int virtualThreads() throws InterruptedException {
        if (virtual == null) {
            virtual = VirtualThreads.factory();
        }
        return PingPongVt.run(virtual, HANDOFFS);
    }
}
