package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.TimerHandle;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded randomized stress: thousands of tasks acquiring, holding, releasing, timing out (a timer
 * cancels the task) and being cancelled from outside at random points. The invariants are checked
 * after every step of every task and every chaos callback.
 */
class SyncStressTest {
    static final int TASKS = 3000;

    static Duration us(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    /** The first invariant broken inside a loop callback (the loop would only log it). */
    static Throwable broken;

    static Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (Throwable t) {
                if (broken == null) {
                    broken = t;
                }
                throw t;
            }
        };
    }

    static void assertNoFailure(List<Task<?>> tasks) {
        for (Task<?> t : tasks) {
            if (t.isDone() && !t.isCancelled() && t.exception() != null) {
                throw new AssertionError("a task broke an invariant", t.exception());
            }
        }
    }

    static void runGuarded(Runnable test) {
        broken = null;
        test.run();
        if (broken != null) {
            throw new AssertionError("an invariant broke in a loop callback", broken);
        }
    }

    /** The shared harness: random start, optional timeout, random hold, chaos cancellations. */
    abstract static class Harness {
        final SplittableRandom rnd;
        final List<Task<?>> workers = new ArrayList<>();
        final List<Task<?>> holding = new ArrayList<>();
        int holders;
        int acquired;
        int cancelledWhileWaiting;
        int cancelledWhileHolding;

        Harness(long seed) {
            rnd = new SplittableRandom(seed);
        }

        abstract Task<Held> acquire();

        abstract void check();

        /** Called once everything settled. */
        void checkQuiescent() {}

        void runAll() {
            runGuarded(() -> Asyncio.run(() -> new Driver(this).go(), new VirtualClock()));
            checkQuiescent();
            assertTrue(acquired > TASKS / 4, "the stress did little: " + acquired + " acquisitions");
            assertTrue(cancelledWhileWaiting > 0 && cancelledWhileHolding > 0,
                    "cancellations hit both phases: " + cancelledWhileWaiting + "/" + cancelledWhileHolding);
        }

        Duration randomDelay(int maxMs) {
            int r = rnd.nextInt(4);
            return r == 0 ? Duration.ZERO : us(rnd.nextLong(maxMs * 1000L));
        }
    }

    static final class Driver extends Coroutine<Void> {
        final Harness h;
        int i;

        Driver(Harness h) {
            this.h = h;
        }

        Task<Void> go() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    EventLoop loop = EventLoop.current();
                    for (int n = 0; n < TASKS; n++) {
                        h.workers.add(new Worker(h).spawn());
                    }
                    for (int n = 0; n < TASKS / 3; n++) {
                        loop.callLater(us(h.rnd.nextLong(300_000)), guard(() -> {
                            // half of the time aim at a task that holds a permit
                            List<Task<?>> from = h.rnd.nextBoolean() && !h.holding.isEmpty() ? h.holding : h.workers;
                            Task<?> victim = from.get(h.rnd.nextInt(from.size()));
                            victim.cancel();
                            h.check();
                        }));
                    }
                    if (await(Asyncio.sleep(Duration.ofSeconds(60)), 1)) {
                        return;
                    }
                case 1:
                    awaited();
                    for (Task<?> w : h.workers) {
                        assertTrue(w.isDone(), "a worker is stranded: " + w);
                        if (!w.isCancelled() && w.exception() != null) {
                            throw new AssertionError("a worker broke an invariant", w.exception());
                        }
                    }
                    h.check();
                    returnValue(null);
                    return;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    /** sleep(random); [timeout armed] held = await acquire(); sleep(random); release */
    static final class Worker extends Coroutine<Void> {
        final Harness h;
        TimerHandle timeout;
        Held held;

        Worker(Harness h) {
            this.h = h;
        }

        Task<Void> spawn() {
            return startLazily();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    if (await(Asyncio.sleep(h.randomDelay(100)), 1)) {
                        return;
                    }
                case 1:
                    awaited();
                    if (h.rnd.nextInt(3) == 0) {
                        timeout = EventLoop.current().callLater(h.randomDelay(20), this::cancel);
                    }
                    h.check();
                    if (await(h.acquire(), 2)) {
                        return;
                    }
                case 2:
                    try {
                        held = awaited();
                    } catch (CancelledError e) {
                        h.cancelledWhileWaiting++;
                        h.check();
                        throw e;
                    }
                    if (timeout != null) {
                        timeout.cancel();
                    }
                    h.holders++;
                    h.holding.add(this);
                    h.acquired++;
                    h.check();
                    if (await(Asyncio.sleep(h.randomDelay(5)), 3)) {
                        return;
                    }
                case 3:
                    try {
                        awaited();
                    } catch (CancelledError e) {
                        h.cancelledWhileHolding++;
                        release();
                        throw e;
                    }
                    release();
                    returnValue(null);
                    return;
                default:
                    throw new IllegalStateException();
            }
        }

        private void release() {
            h.holders--;
            h.holding.remove(this);
            held.close();
            held.close(); // a second close must do nothing
            h.check();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void semaphore(long seed) {
        int permits = 1 + (int) (seed * 3);
        Semaphore sem = new Semaphore(permits);
        new Harness(seed) {
            @Override
            Task<Held> acquire() {
                return sem.acquire();
            }

            @Override
            void check() {
                int v = sem.value();
                int r = sem.reservedForTest();
                assertTrue(v >= 0 && v <= permits, "value " + v);
                assertTrue(holders >= 0 && holders <= permits, "holders " + holders);
                assertEquals(permits, holders + v + r, "permits are conserved: holders + free + handed to woken waiters");
                if (v > 0 && sem.waiting() > 0) {
                    assertTrue(r > 0, "a permit is free while a waiter is stranded: " + sem);
                }
            }

            @Override
            void checkQuiescent() {
                assertEquals(permits, sem.value());
                assertEquals(0, sem.waiting());
            }
        }.runAll();
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void boundedSemaphore(long seed) {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        new Harness(seed) {
            @Override
            Task<Held> acquire() {
                return sem.acquire();
            }

            @Override
            void check() {
                assertTrue(sem.value() >= 0 && sem.value() <= 2);
                assertEquals(2, holders + sem.value() + sem.reservedForTest());
            }
        }.runAll();
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7, 8})
    void lock(long seed) {
        Lock lock = new Lock();
        new Harness(seed) {
            @Override
            Task<Held> acquire() {
                return lock.acquire();
            }

            @Override
            void check() {
                assertTrue(holders == 0 || holders == 1, "holders " + holders);
                assertEquals(holders == 1, lock.isLocked(), "locked iff held: " + lock);
                assertTrue(lock.reservedForTest() <= 1);
                if (!lock.isLocked() && lock.waiters.size() > 0) {
                    assertEquals(1, lock.reservedForTest(), "free lock with a stranded waiter: " + lock);
                }
            }

            @Override
            void checkQuiescent() {
                assertTrue(!lock.isLocked() && lock.waiters.isEmpty() && lock.reservedForTest() == 0);
            }
        }.runAll();
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void rateLimiter(long seed) {
        RateLimiter limiter = new RateLimiter(5, Duration.ofMillis(20));
        List<Long> grants = new ArrayList<>();
        new Harness(seed) {
            int seen;

            @Override
            Task<Held> acquire() {
                return limiter.acquire();
            }

            @Override
            void check() {
                if (acquired > seen) {
                    seen = acquired;
                    grants.add(EventLoop.current().time());
                    // the last 6 acquisitions never fit in one window of 20 ms
                    int n = grants.size();
                    if (n > 5) {
                        long span = grants.get(n - 1) - grants.get(n - 6);
                        assertTrue(span >= 20_000_000L, "6 acquisitions within " + span + " ns");
                    }
                }
                assertTrue(holders >= 0);
            }

            @Override
            void checkQuiescent() {
                assertEquals(0, limiter.waiting());
                assertTrue(!limiter.timerArmedForTest());
            }
        }.runAll();
    }

    /** Condition: producers add to `state` and signal; consumers waitFor(state > 0) and take one. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void conditionNeverLosesAWakeUp(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Condition cond = new Condition();
        int[] s = new int[4]; // state, produced, consumed, holders
        List<Task<?>> tasks = new ArrayList<>();
        Runnable check = () -> {
            assertTrue(s[0] >= 0);
            assertEquals(s[1], s[2] + s[0], "produced == consumed + available");
            assertTrue(s[3] <= 1, "two tasks hold the condition's lock");
            assertEquals(s[3] == 1, cond.isLocked());
        };
        final class Consumer extends Coroutine<Void> {
            @Override
            @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
            protected void resume() {
                switch (state) {
                    case 0:
                        if (await(Asyncio.sleep(us(rnd.nextLong(200_000))), 1)) {
                            return;
                        }
                    case 1:
                        awaited();
                        if (await(cond.acquire(), 2)) {
                            return;
                        }
                    case 2:
                        awaited();
                        s[3]++;
                        check.run();
                        s[3]--; // waitFor releases the lock while it waits
                        if (await(cond.waitFor(() -> s[0] > 0), 3)) {
                            return;
                        }
                        s[3]++;
                    case 3:
                        try {
                            if (s[3] == 0) {
                                s[3]++;
                            }
                            awaited();
                            check.run();
                            s[0]--;
                            s[2]++;
                        } finally {
                            check.run();
                            s[3]--;
                            cond.release();
                        }
                        returnValue(null);
                        return;
                    default:
                        throw new IllegalStateException();
                }
            }

            Task<Void> spawn() {
                return startLazily();
            }
        }
        final class Producer extends Coroutine<Void> {
            @Override
            @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
            protected void resume() {
                switch (state) {
                    case 0:
                        if (await(Asyncio.sleep(us(rnd.nextLong(200_000))), 1)) {
                            return;
                        }
                    case 1:
                        awaited();
                        if (await(cond.acquire(), 2)) {
                            return;
                        }
                    case 2:
                        awaited();
                        s[3]++;
                        s[0]++;
                        s[1]++;
                        check.run();
                        if (rnd.nextInt(10) == 0) {
                            cond.signalAll();
                        } else {
                            cond.signal();
                        }
                        s[3]--;
                        cond.release();
                        returnValue(null);
                        return;
                    default:
                        throw new IllegalStateException();
                }
            }

            Task<Void> spawn() {
                return startLazily();
            }
        }
        broken = null;
        Asyncio.run(() -> {
            for (int i = 0; i < TASKS / 2; i++) {
                tasks.add(new Consumer().spawn());
                tasks.add(new Producer().spawn());
            }
            EventLoop loop = EventLoop.current();
            for (int i = 0; i < TASKS / 4; i++) {
                loop.callLater(us(rnd.nextLong(250_000)), guard(() -> {
                    tasks.get(rnd.nextInt(tasks.size())).cancel();
                    check.run();
                }));
            }
            return Asyncio.sleep(Duration.ofSeconds(5));
        }, new VirtualClock());
        if (broken != null) {
            throw new AssertionError("an invariant broke in a loop callback", broken);
        }
        assertNoFailure(tasks);
        check.run();
        // No lost wake-up: once everything settled, items left over means no consumer still waits.
        assertTrue(s[0] == 0 || cond.waiting() == 0, "state " + s[0] + " with " + cond.waiting() + " consumers asleep");
        assertTrue(s[2] > TASKS / 8, "consumed only " + s[2]);
    }

    @ParameterizedTest
    @ValueSource(longs = {14, 15})
    void barrierAndEvent(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Barrier barrier = new Barrier(3);
        Event event = new Event();
        int[] passed = new int[3]; // barrier passes, event passes, broken
        List<Task<?>> tasks = new ArrayList<>();
        Supplier<Task<Void>> worker = () -> new Coroutine<Void>() {
            @Override
            @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
            protected void resume() {
                switch (state) {
                    case 0:
                        if (await(Asyncio.sleep(us(rnd.nextLong(100_000))), 1)) {
                            return;
                        }
                    case 1:
                        awaited();
                        assertTrue(barrier.waiting() < barrier.parties());
                        if (await(rnd.nextBoolean() ? barrier.await() : event.await(), 2)) {
                            return;
                        }
                    case 2:
                        Object r;
                        try {
                            r = awaited();
                        } catch (BrokenBarrierError e) {
                            passed[2]++;
                            returnValue(null);
                            return;
                        }
                        if (r instanceof Integer i) {
                            assertTrue(i >= 0 && i < 3);
                            passed[0]++;
                        } else {
                            assertTrue(event.isSet() || true);
                            passed[1]++;
                        }
                        assertTrue(barrier.waiting() < barrier.parties());
                        returnValue(null);
                        return;
                    default:
                        throw new IllegalStateException();
                }
            }

            Task<Void> go() {
                return startLazily();
            }
        }.go();
        broken = null;
        Asyncio.run(() -> {
            for (int i = 0; i < TASKS; i++) {
                tasks.add(worker.get());
            }
            EventLoop loop = EventLoop.current();
            for (int i = 0; i < 200; i++) {
                loop.callLater(us(rnd.nextLong(120_000)), guard(() -> {
                    switch (rnd.nextInt(10)) {
                        case 0 -> event.set();
                        case 1 -> event.clear();
                        case 2 -> barrier.reset();
                        default -> tasks.get(rnd.nextInt(tasks.size())).cancel();
                    }
                    if (event.isSet()) {
                        assertEquals(0, event.waiting(), "a waiter sleeps on a set event");
                    }
                }));
            }
            return Asyncio.sleep(Duration.ofSeconds(1));
        }, new VirtualClock());
        if (broken != null) {
            throw new AssertionError("an invariant broke in a loop callback", broken);
        }
        assertNoFailure(tasks);
        assertTrue(passed[0] > 0 && passed[1] > 0, "barrier " + passed[0] + ", event " + passed[1]);
    }
}
