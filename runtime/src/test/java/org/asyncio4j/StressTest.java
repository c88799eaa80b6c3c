package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** Deep await chains and long runs of short tasks (issue 2: no stack overflow, constant memory). */
class StressTest {

    /** {@code @Async Task<Integer> step(int i) { Await.on(Asyncio.yieldNow()); return completed(i); }} */
    static final class Short extends Coroutine<Integer> {
        final int i;

        Short(int i) {
            this.i = i;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    if (await(Asyncio.yieldNow(), 1)) return;
                case 1:
                    awaited();
                    returnValue(i);
                    return;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    /** for (i < n) { sum += Await.on(new Short(i).start()); } tracking the peak of live tasks. */
    static final class Sequential extends Coroutine<Long> {
        final int n;
        int i;
        long sum;
        int maxLive;

        Sequential(int n) {
            this.n = n;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            for (;;) {
                switch (state) {
                    case 0:
                    case 2: // loop head
                        if (i >= n) {
                            returnValue(sum);
                            return;
                        }
                        if (await(new Short(i).start(), 1)) return;
                    case 1:
                        sum += this.<Integer>awaited();
                        maxLive = Math.max(maxLive, loop.live().size());
                        i++;
                        state = 2;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void tenMillionSequentialShortTasksRunInConstantMemory() {
        int n = 10_000_000;
        Sequential[] main = new Sequential[1];
        long sum = Asyncio.run(() -> main[0] = new Sequential(n).start() instanceof Sequential s ? s : null,
                new VirtualClock());
        assertEquals((long) n * (n - 1) / 2, sum);
        // the main task and the current short task (plus the supplier task of Asyncio.run)
        assertTrue(main[0].maxLive <= 3, "live tasks peaked at " + main[0].maxLive);
    }

    /** Level n awaits level n-1; level 0 sleeps {@code bottomSleep} (or is cancelled there). */
    static final class Chain extends Coroutine<Integer> {
        final int n;
        final List<String> log;

        Chain(int n, List<String> log) {
            this.n = n;
            this.log = log;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    if (n == 0) {
                        if (await(Asyncio.sleep(Duration.ofSeconds(1)), 2)) return;
                        awaited();
                        returnValue(0);
                        return;
                    }
                    if (await(new Chain(n - 1, log).start(), 1)) return;
                case 1:
                    try {
                        int v = this.<Integer>awaited();
                        returnValue(v + 1);
                    } catch (CancelledError e) {
                        if (n == 1_000_000) {
                            log.add("top cancelled at t=" + loop.time());
                        }
                        throw e;
                    }
                    return;
                case 2:
                    try {
                        awaited();
                    } catch (CancelledError e) {
                        log.add("bottom cancelled at t=" + loop.time());
                        throw e;
                    }
                    returnValue(0);
                    return;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    @Test
    void aMillionDeepAwaitChainCompletesWithoutOverflow() {
        int r = Asyncio.run(() -> new Chain(1_000_000, new ArrayList<>()).start(), new VirtualClock());
        assertEquals(1_000_000, r);
    }

    @Test
    void aMillionDeepAwaitChainCanBeCancelledFromTheTop() {
        List<String> log = new ArrayList<>();
        boolean[] cancelled = {false};
        Asyncio.run(() -> {
            Task<Integer> top = new Chain(1_000_000, log).start();
            EventLoop.current().callLater(Duration.ofMillis(500), () -> cancelled[0] = top.cancel());
            return S.start(r -> S.await(Asyncio.gatherSettled(List.of(top))), r -> S.done());
        }, new VirtualClock());
        assertTrue(cancelled[0]);
        assertEquals(List.of("bottom cancelled at t=500000000", "top cancelled at t=500000000"), log);
    }
}
