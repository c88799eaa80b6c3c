package org.asyncio4j.sync;

import java.util.function.IntFunction;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.WaitQueue;
import org.asyncio4j.Waiter;

/**
 * asyncio's {@code Barrier}: {@link #await()} waits until {@code parties} tasks are waiting, then
 * releases them all; each gets its arrival index (0 for the first). The last arriver does not wait
 * at all, so it returns first. The barrier is then ready for the next round.
 *
 * <p>{@link #abort()} breaks it: waiters and later callers get {@link BrokenBarrierError} until
 * {@link #reset()}. {@code reset()} breaks the current round (its waiters get the error) and leaves
 * the barrier usable. A cancelled waiter leaves the round.
 */
public final class Barrier {
    private final int parties;
    private final WaitQueue<BarrierWaiter<?>> waiters = new WaitQueue<>();
    private boolean broken;

    /**
     * A barrier for {@code parties} tasks.
     * @param parties how many tasks each round waits for; at least 1
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("Barrier parties must be >= 1, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits for the round to fill; completes with this task's arrival index.
     * @return a task completing with the arrival index, from 0 to {@code parties() - 1}; it fails with
     *     {@link BrokenBarrierError} if the barrier is or gets broken
     */
    public Task<Integer> await() {
        return arrive(Integer::valueOf);
    }

    /**
     * {@code async with barrier as position}: waits as {@link #await()} does, and the {@link Passage}
     * holds the arrival index; leaving the block does nothing, as in asyncio. In an {@code @Async}
     * method: {@code try (var pass = Await.on(barrier.enter())) { ... pass.index() ... }}.
     * @return a task completing with the passage, once the round is full
     */
    public Task<Passage> enter() {
        return arrive(Passage::new);
    }

    /**
     * The arrival of one task at a {@link Barrier} ({@link #enter()}), as an async context manager
     * whose exit does nothing (asyncio's {@code Barrier.__aexit__}).
     *
     * @param index this task's arrival index in its round (0 for the first)
     */
    public record Passage(int index) implements AsyncCloseable {
        /** Completes at once: passing a barrier holds nothing to give back. */
        @Override
        public Task<Void> closeAsync(Throwable pending) {
            return Task.completed();
        }
    }

    private <R> Task<R> arrive(IntFunction<R> result) {
        if (broken) {
            return Task.failed(new BrokenBarrierError("the barrier is broken (aborted); reset() it to use it again"));
        }
        int index = waiters.size();
        if (index + 1 == parties) {
            BarrierWaiter<?> w;
            while ((w = waiters.poll()) != null) {
                w.release();
            }
            return Task.completed(result.apply(index));
        }
        BarrierWaiter<R> w = new BarrierWaiter<>(index, result, waiters.loop(this));
        waiters.add(w);
        return w;
    }

    /** Breaks the current round (its waiters get {@link BrokenBarrierError}) and makes the barrier usable again. */
    public void reset() {
        breakWaiters("the barrier was reset while this task waited");
        broken = false;
    }

    /** Breaks the barrier: waiters and later {@link #await()} calls get {@link BrokenBarrierError}. */
    public void abort() {
        broken = true;
        breakWaiters("the barrier was aborted");
    }

    private void breakWaiters(String why) {
        BarrierWaiter<?> w;
        while ((w = waiters.poll()) != null) {
            w.breakIt(why);
        }
    }

    /**
     * The number of tasks each round waits for.
     * @return the {@code parties} given to the constructor
     */
    public int parties() {
        return parties;
    }

    /**
     * Tasks waiting in the current round.
     * @return the number of tasks that arrived in the current round and wait
     */
    public int waiting() {
        return waiters.size();
    }

    /**
     * Whether {@link #abort()} broke the barrier (until {@link #reset()}).
     * @return true if the barrier is broken
     */
    public boolean isBroken() {
        return broken;
    }

    @Override
    public String toString() {
        return "Barrier[parties=" + parties + ", waiting=" + waiters.size() + (broken ? ", broken" : "") + "]";
    }

    private static final class BarrierWaiter<R> extends Waiter<R> {
        private final int index;
        private final IntFunction<R> result;

        BarrierWaiter(int index, IntFunction<R> result, EventLoop loop) {
            super(loop);
            this.index = index;
            this.result = result;
        }

        void release() {
            succeed(result.apply(index));
        }

        void breakIt(String why) {
            failWith(new BrokenBarrierError(why));
        }

        @Override
        public String name() {
            return "Barrier.await";
        }
    }
}
