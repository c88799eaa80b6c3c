package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Outcome;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.queue.AsyncQueue;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * The cases of sections J-L that need {@code gather}/{@code waitFor} (from the combinators branch,
 * now in main). They were written on the sync branch before the combinators existed; the same
 * behaviours are also covered without combinators in SemaphoreTest, ConditionTest and QueueTest.
 */
class SyncNeedsCombinatorsTest {
    final List<Object> log = new ArrayList<>();

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    @Test
    void case70_acquireNoHang_gatherThenWaitFor() {
        Semaphore sem = new Semaphore(1);
        Task<?>[] t = new Task<?>[2];
        run(p -> {
            t[0] = Script.spawn(q -> sem.acquire(), q -> {
                Held h = q.value();
                return Asyncio.sleep(Duration.ZERO, h);
            }, q -> {
                Held h = q.value();
                h.close();
                t[1].cancel();
                return null;
            });
            t[1] = Script.spawn(q -> sem.acquire(), q -> {
                q.value();
                throw new AssertionError("c2 must not acquire");
            });
            List<Task<?>> both = List.of(t[0], t[1]);
            return Asyncio.gatherSettled(both);
        }, p -> {
            List<Outcome<Object>> r = p.value();
            assertTrue(r.get(0).isSuccess());
            assertNull(r.get(0).value());
            assertInstanceOf(CancelledError.class, r.get(1).failure());
            return Asyncio.waitFor(sem.acquire(), Duration.ofSeconds(1));
        }, p -> {
            p.value();
            assertEquals(0L, EventLoop.current().time());
            return null;
        });
    }

    @Test
    void case74_waitForTimeoutInsideTheBlockEndsWithTheLockHeld() {
        Condition cond = new Condition();
        run(p -> cond.acquire(), p -> {
            p.value();
            return Asyncio.waitFor(cond.await(), Duration.ofMillis(500));
        }, p -> {
            assertInstanceOf(AsyncTimeoutException.class, p.failure());
            assertTrue(cond.isLocked());
            assertEquals(500_000_000L, EventLoop.current().time());
            cond.release();
            return null;
        });
    }

    @Test
    void case81_getterThatTimesOutLeavesNoGetter() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        run(p -> Asyncio.waitFor(q.get(), Duration.ofMillis(10)), p -> {
            assertInstanceOf(AsyncTimeoutException.class, p.failure());
            assertTrue(q.isEmpty());
            q.putNowait(1);
            return q.get();
        }, p -> {
            assertEquals(1, (int) p.value());
            return null;
        });
    }

    @Test
    void seedS2_withGather() {
        Semaphore sem = new Semaphore(3);
        List<Task<Object>> ts = new ArrayList<>();
        Object r = run(p -> {
            for (int i = 0; i < 10; i++) {
                int n = i;
                ts.add(Script.spawn(q -> sem.acquire(), q -> Asyncio.sleep(Duration.ofSeconds(1), q.value()), q -> {
                    Held h = q.value();
                    h.close();
                    return n;
                }));
            }
            return Asyncio.gather(ts);
        }, p -> {
            assertEquals(4_000_000_000L, EventLoop.current().time());
            return p.value();
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), r);
    }
}
