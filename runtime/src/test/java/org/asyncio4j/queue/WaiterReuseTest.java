package org.asyncio4j.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * {@code Await.on(q.get())} on a variable {@code q} is generated as {@code task(q, q.get())} (and
 * {@code Await.on(q.put(x))} as {@code task(q, q.put(x))}): the getter went nowhere but into the
 * await, so the queue reuses it for its next wait once the task has taken its item (no allocation
 * per hand-off); the same for a putter once its item is in the queue. These tests keep the getters they are given
 * (which a user's direct await cannot) only to observe the reuse, and check that every other way a
 * getter can end keeps asyncio's semantics and is never reused.
 */
class WaiterReuseTest {
    final List<String> log = new ArrayList<>();

    /** {@code for (n times) got.add(Await.on(q.get()));}, recording each getter it is given. */
    static final class Consumer extends Coroutine<List<Integer>> {
        final AsyncQueue<Integer> q;
        final int n;
        final boolean direct;
        final List<Task<Integer>> getters = new ArrayList<>();
        final List<Integer> got = new ArrayList<>();

        Consumer(AsyncQueue<Integer> q, int n, boolean direct) {
            this.q = q;
            this.n = n;
            this.direct = direct;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> aw = null;
            for (;;) {
                switch (state) {
                    case 0:
                    case 2:
                        if (got.size() == n) {
                            returnValue(got);
                            return;
                        }
                        Task<Integer> g = q.get();
                        getters.add(g);
                        if (suspends(aw = direct ? task(q, g) : task(g), 1)) return;
                    case 1:
                        got.add(this.<Integer>awaited(aw));
                        state = 2;
                        continue;
                    default:
                        throw new IllegalStateException("state " + state);
                }
            }
        }
    }

    static Task<Void> tick() {
        return Asyncio.yieldNow();
    }

    /** Puts 1, 2 and 3 a loop iteration apart (the consumer waits before each), then awaits {@code c}. */
    static Task<Object> feed3(AsyncQueue<Integer> q, Consumer c, Script.Step check) {
        return Script.go(
                p -> tick(),
                p -> {
                    q.putNowait(1);
                    return tick();
                },
                p -> {
                    q.putNowait(2);
                    return tick();
                },
                p -> {
                    q.putNowait(3);
                    return c;
                },
                check);
    }

    @Test
    void aDirectlyAwaitedGetterServesTheNextWaitOfItsQueue() {
        Object got = Asyncio.run(() -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            Consumer c = new Consumer(q, 3, true);
            c.start();
            return feed3(q, c, p -> {
                assertEquals(3, c.getters.size());
                assertSame(c.getters.get(0), c.getters.get(1), "the taken getter is reused");
                assertSame(c.getters.get(0), c.getters.get(2));
                return p.value();
            });
        }, new VirtualClock());
        assertEquals(List.of(1, 2, 3), got);
    }

    @Test
    void aGetterAwaitedThroughAVariableIsNeverReused() {
        Object got = Asyncio.run(() -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            Consumer c = new Consumer(q, 3, false);
            c.start();
            return feed3(q, c, p -> {
                for (int i = 0; i < 3; i++) {
                    assertTrue(c.getters.get(i).isDone());
                    assertEquals(i + 1, c.getters.get(i).result(), "a kept getter keeps its item");
                    for (int j = 0; j < i; j++) {
                        assertNotSame(c.getters.get(i), c.getters.get(j));
                    }
                }
                return p.value();
            });
        }, new VirtualClock());
        assertEquals(List.of(1, 2, 3), got);
    }

    @Test
    void aSubclassOfTheQueueNeverReusesGetters() {
        Object got = Asyncio.run(() -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1) {};
            Consumer c = new Consumer(q, 3, true);
            c.start();
            return feed3(q, c, p -> {
                assertNotSame(c.getters.get(0), c.getters.get(1), "a subclass may override get() and keep its tasks");
                assertEquals(1, c.getters.get(0).result());
                return p.value();
            });
        }, new VirtualClock());
        assertEquals(List.of(1, 2, 3), got);
    }

    @Test
    void aCancelledDirectGetterIsNotReusedAndTheNextGetterTakesTheItem() {
        Object got = Asyncio.run(() -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            Consumer first = new Consumer(q, 1, true);
            first.start();
            Consumer second = new Consumer(q, 1, true);
            second.start();
            Task<Integer> cancelled = first.getters.get(0);
            first.cancel("stop");
            return Script.go(
                    p -> tick(),
                    p -> {
                        assertTrue(first.isCancelled());
                        assertTrue(cancelled.isCancelled(), "the cancelled getter stays cancelled");
                        q.putNowait(7);
                        return second;
                    },
                    p -> {
                        Consumer third = new Consumer(q, 1, true);
                        third.start();
                        assertNotSame(cancelled, third.getters.get(0), "a cancelled getter is never reused");
                        assertSame(second.getters.get(0), third.getters.get(0), "the taken one is");
                        assertTrue(cancelled.isCancelled());
                        third.cancel();
                        return p.value();
                    });
        }, new VirtualClock());
        assertEquals(List.of(7), got);
    }

    @Test
    void aGetterWokenThenCancelledPassesTheWakeUpOnAndIsNotReused() {
        Object got = Asyncio.run(() -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            Consumer first = new Consumer(q, 1, true);
            first.start();
            Consumer second = new Consumer(q, 1, true);
            second.start();
            Task<Integer> woken = first.getters.get(0);
            q.putNowait(5); // wakes first's getter, reserving the item for it
            first.cancel(); // before first runs: it raises CancelledError and passes the wake-up on
            return Script.go(
                    p -> second,
                    p -> {
                        assertTrue(first.isCancelled());
                        assertTrue(woken.isDone() && !woken.isCancelled(), "woken, then dropped by its cancelled task");
                        Consumer third = new Consumer(q, 1, true);
                        third.start();
                        assertNotSame(woken, third.getters.get(0), "a dropped getter is never reused");
                        assertSame(second.getters.get(0), third.getters.get(0));
                        third.cancel();
                        return p.value();
                    });
        }, new VirtualClock());
        assertEquals(List.of(5), got, "the wake-up is not lost");
    }

    @Test
    void aGetterRefusedAtShutdownIsNotReused() {
        Object failure = Asyncio.run(() -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            Consumer c = new Consumer(q, 1, true);
            c.start();
            Task<Integer> g = c.getters.get(0);
            q.shutdown();
            return Script.go(
                    p -> tick(),
                    p -> tick(),
                    p -> {
                        assertInstanceOf(QueueShutDownException.class, g.exception(), "the failed getter keeps its failure");
                        return c.exception();
                    });
        }, new VirtualClock());
        assertInstanceOf(QueueShutDownException.class, failure);
    }

    /** {@code for (i in 1..n) Await.on(q.put(base + i));}, recording each putter it is given. */
    static final class Producer extends Coroutine<Void> {
        final AsyncQueue<Integer> q;
        final int n;
        final int base;
        final List<Task<Void>> putters = new ArrayList<>();
        int i;

        Producer(AsyncQueue<Integer> q, int n, int base) {
            this.q = q;
            this.n = n;
            this.base = base;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> aw = null;
            for (;;) {
                switch (state) {
                    case 0:
                    case 2:
                        if (i == n) {
                            returnValue(null);
                            return;
                        }
                        Task<Void> p = q.put(base + ++i);
                        putters.add(p);
                        if (suspends(aw = task(q, p), 1)) return;
                    case 1:
                        awaited(aw);
                        state = 2;
                        continue;
                    default:
                        throw new IllegalStateException("state " + state);
                }
            }
        }
    }

    @Test
    void aDirectlyAwaitedPutterServesTheNextWaitOfItsQueue() {
        List<Object> got = new ArrayList<>();
        Asyncio.run(() -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            q.putNowait(0); // full: every put of the producer waits
            Producer p = new Producer(q, 3, 0);
            p.start();
            Script.Step take = x -> {
                got.add(q.getNowait());
                return tick();
            };
            return Script.go(take, take, take, p2 -> {
                got.add(q.getNowait());
                assertEquals(3, p.putters.size());
                assertSame(p.putters.get(0), p.putters.get(1), "the taken putter is reused");
                assertSame(p.putters.get(0), p.putters.get(2));
                return p;
            });
        }, new VirtualClock());
        assertEquals(List.of(0, 1, 2, 3), got);
    }

    @Test
    void aCancelledPutterIsNotReusedAndItsItemNeverArrives() {
        List<Object> got = new ArrayList<>();
        Asyncio.run(() -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            q.putNowait(0);
            Producer first = new Producer(q, 1, 100);
            first.start();
            Task<Void> cancelled = first.putters.get(0);
            first.cancel();
            return Script.go(
                    x -> tick(),
                    x -> {
                        assertTrue(cancelled.isCancelled());
                        got.add(q.getNowait());
                        Producer second = new Producer(q, 1, 200);
                        second.start(); // room: completes at once, no putter
                        got.add(q.getNowait());
                        q.putNowait(9);
                        Producer third = new Producer(q, 1, 300);
                        third.start();
                        assertNotSame(cancelled, third.putters.get(0), "a cancelled putter is never reused");
                        assertTrue(cancelled.isCancelled());
                        got.add(q.getNowait());
                        return third;
                    },
                    x -> {
                        got.add(q.getNowait());
                        return null;
                    });
        }, new VirtualClock());
        assertEquals(List.of(0, 201, 9, 301), got, "the cancelled put's item (101) never arrives");
    }
}
