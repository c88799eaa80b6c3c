package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    final List<Object> log = new ArrayList<>();

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    Task<Object> user(RateLimiter limiter, Object tag) {
        return Script.spawn(p -> limiter.acquire(), p -> {
            try (Held permit = p.value()) {
                log.add(tag + "@" + Script.ms());
            }
            return null;
        });
    }

    static Task<Object> joinAll(List<? extends Task<?>> ts) {
        Script.Step[] steps = new Script.Step[ts.size() + 1];
        for (int i = 0; i < ts.size(); i++) {
            Task<?> t = ts.get(i);
            steps[i] = p -> t;
        }
        steps[ts.size()] = p -> null;
        return Script.go(steps);
    }

    @Test
    void atMostNPerPeriod_fifo_noTimerLeftBehind() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1));
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            for (int i = 0; i < 7; i++) {
                ts.add(user(limiter, i));
            }
            return joinAll(ts);
        }, p -> {
            assertEquals(List.of("0@0.0", "1@0.0", "2@0.0", "3@1000.0", "4@1000.0", "5@1000.0", "6@2000.0"), log);
            assertFalse(limiter.timerArmedForTest());
            return null;
        });
    }

    @Test
    void slidingWindow_aSlotFreesWhenItsAcquisitionLeavesTheWindow() {
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1));
        run(p -> limiter.acquire(), p -> Asyncio.sleep(Duration.ofMillis(500)), p -> limiter.acquire(), p -> {
            assertEquals(2, limiter.used());
            return limiter.acquire();
        }, p -> {
            assertEquals(1_000_000_000L, EventLoop.current().time(), "the t=0 acquisition left the window");
            return limiter.acquire();
        }, p -> {
            assertEquals(1_500_000_000L, EventLoop.current().time());
            return null;
        });
    }

    @Test
    void newcomerDoesNotOvertakeAWaiter() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1));
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> limiter.acquire(), p -> {
            ts.add(user(limiter, "waiter"));
            return Asyncio.sleep(Duration.ofMillis(1000));
        }, p -> {
            // the slot freed at t=1.0 went to the waiter (woken by the timer, running in this iteration)
            ts.add(user(limiter, "newcomer"));
            return joinAll(ts);
        }, p -> {
            assertEquals(List.of("waiter@1000.0", "newcomer@2000.0"), log);
            return null;
        });
    }

    @Test
    void cancelledWaiterTakesNoSlot_andWokenThenCancelledPassesItsSlotOn() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1));
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> limiter.acquire(), p -> {
            ts.add(user(limiter, "a"));
            ts.add(user(limiter, "b"));
            ts.add(user(limiter, "c"));
            return Asyncio.yieldNow();
        }, p -> {
            ts.get(0).cancel(); // queued: takes no slot
            EventLoop.current().callAt(1_000_000_000L, () -> ts.get(1).cancel()); // right after b is woken
            return ts.get(2);
        }, p -> {
            assertTrue(ts.get(0).isCancelled());
            assertTrue(ts.get(1).isCancelled());
            assertEquals(List.of("c@1000.0"), log);
            assertEquals(0, limiter.waiting());
            assertFalse(limiter.timerArmedForTest());
            return null;
        });
    }

    @Test
    void aLoneCancelledWaiterDisarmsTheTimer() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(10));
        run(p -> limiter.acquire(), p -> {
            Task<Held> w = limiter.acquire();
            assertTrue(limiter.timerArmedForTest());
            w.cancel();
            assertFalse(limiter.timerArmedForTest());
            assertInstanceOf(CancelledError.class, assertThrows(CancelledError.class, w::result));
            return null;
        });
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, Duration.ZERO));
    }
}
