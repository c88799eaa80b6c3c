package org.asyncio4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;
import org.asyncio4j.queue.AsyncQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The runtime's hot paths, per operation (ns): awaiting a task that is already done (W6) against
 * the same loop calling a plain method, one loop iteration ({@code yieldNow}), and one hand-off
 * of a 1-slot {@link AsyncQueue} ping-pong (W2's design, not the stand-in queue).
 *
 * <p>This module has no {@code @Async} processor, so the machines are written by hand in the exact
 * shape the processor emits (copied from its output for the commented {@code @Async} source):
 * the awaited task in a local of the resume method, {@code suspends}/{@code awaited($await)}.
 *
 * <p>{@code plainCall} is inlined and C2 folds its loop to almost nothing (under 0.1 ns an
 * iteration): no await can be within 2x of that. {@code plainCallNotInlined} is the same loop with
 * the call kept, the honest "a method call" baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class HotPathBench {
    public static final int N = 1_000_000;

    private final Task<Integer> done = Task.completed(1);

    // ------------------------------------------------------------------ W6: await a done task

    /**
     * {@code @Async Task<Long> loop(Task<Integer> done, int n) { long sum = 0;
     * for (int i = 0; i < n; i++) sum += Await.on(done); return Task.completed(sum); }}
     */
    static final class AwaitLoop extends Coroutine<Long> {
        final Task<Integer> done;
        final int n;
        long sum;
        int i;

        AwaitLoop(Task<Integer> done, int n) {
            this.done = done;
            this.n = n;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> $await = null;
            while (true) {
                switch (state) {
                    case 0:
                        sum = 0;
                        i = 0;
                        state = 1;
                    case 1:
                        if (!(i < n)) {
                            state = 4;
                            continue;
                        }
                        if (suspends($await = task(done), 2)) return;
                    case 2:
                        sum += this.<Integer>awaited($await);
                        state = 3;
                    case 3:
                        i++;
                        state = 1;
                        continue;
                    case 4:
                        returnValue(sum);
                        return;
                    default:
                        throw new IllegalStateException("invalid state " + state);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long awaitDone() {
        return Asyncio.run(() -> new AwaitLoop(done, N).start());
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long plainCall() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += plain(done);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long plainCallNotInlined() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += plainNotInlined(done);
        }
        return sum;
    }

    private static int plain(Task<Integer> t) {
        return t.result();
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int plainNotInlined(Task<Integer> t) {
        return t.result();
    }

    // ------------------------------------------------------------------ one loop iteration

    /** {@code for (int i = 0; i < n; i++) Await.on(Asyncio.yieldNow()); return Task.completed(n);} */
    static final class Yields extends Coroutine<Integer> {
        final int n;
        int i;

        Yields(int n) {
            this.n = n;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> $await = null;
            while (true) {
                switch (state) {
                    case 0:
                        i = 0;
                        state = 1;
                    case 1:
                        if (!(i < n)) {
                            returnValue(n);
                            return;
                        }
                        if (suspends($await = task(Asyncio.yieldNow()), 2)) return;
                    case 2:
                        awaited($await);
                        i++;
                        state = 1;
                        continue;
                    default:
                        throw new IllegalStateException("invalid state " + state);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int yieldNow() {
        return Asyncio.run(() -> new Yields(N).start());
    }

    // ------------------------------------------------------------------ W2 with AsyncQueue(1)

    /** {@code for (i < rounds) { Await.on(ping.put(x)); x = Await.on(pong.get()); } return x;} */
    static final class Pinger extends Coroutine<Integer> {
        final AsyncQueue<Integer> ping;
        final AsyncQueue<Integer> pong;
        final int rounds;
        int i;
        int x;

        Pinger(AsyncQueue<Integer> ping, AsyncQueue<Integer> pong, int rounds) {
            this.ping = ping;
            this.pong = pong;
            this.rounds = rounds;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> $await = null;
            while (true) {
                switch (state) {
                    case 0:
                        if (!(i < rounds)) {
                            returnValue(x);
                            return;
                        }
                        if (suspends($await = task(ping.put(x)), 1)) return;
                    case 1:
                        awaited($await);
                        if (suspends($await = task(pong.get()), 2)) return;
                    case 2:
                        x = this.<Integer>awaited($await);
                        i++;
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException("invalid state " + state);
                }
            }
        }
    }

    /** {@code for (i < rounds) { int v = Await.on(ping.get()); Await.on(pong.put(v + 1)); }} */
    static final class Ponger extends Coroutine<Void> {
        final AsyncQueue<Integer> ping;
        final AsyncQueue<Integer> pong;
        final int rounds;
        int i;

        Ponger(AsyncQueue<Integer> ping, AsyncQueue<Integer> pong, int rounds) {
            this.ping = ping;
            this.pong = pong;
            this.rounds = rounds;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> $await = null;
            while (true) {
                switch (state) {
                    case 0:
                        if (!(i < rounds)) {
                            returnValue(null);
                            return;
                        }
                        if (suspends($await = task(ping.get()), 1)) return;
                    case 1: {
                        int v = this.<Integer>awaited($await);
                        if (suspends($await = task(pong.put(v + 1)), 2)) return;
                    }
                    case 2:
                        awaited($await);
                        i++;
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException("invalid state " + state);
                }
            }
        }
    }

    /** Pinger and Ponger started eagerly; the loop runs until the pinger is done. */
    static int pingPong(int handoffs) {
        int rounds = handoffs / 2;
        return Asyncio.run(() -> {
            AsyncQueue<Integer> ping = new AsyncQueue<>(1);
            AsyncQueue<Integer> pong = new AsyncQueue<>(1);
            new Ponger(ping, pong, rounds).start();
            return new Pinger(ping, pong, rounds).start();
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int asyncQueuePingPong() {
        return pingPong(N);
    }
}
