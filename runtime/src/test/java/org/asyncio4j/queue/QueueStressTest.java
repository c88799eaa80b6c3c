package org.asyncio4j.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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
 * Seeded randomized stress of the queues: thousands of producers and consumers, each putting or
 * getting one item, with random timeouts (a timer cancels the task) and outside cancellations.
 * After every step: the bound holds, no getter sleeps while an item is free, no putter sleeps while
 * a slot is free, and every item put is got at most once. At the end every item put was got exactly
 * once or is still in the queue, and no item of a cancelled put ever shows up.
 */
class QueueStressTest {
    static final int TASKS = 4000;

    static Duration us(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    static final class World {
        final SplittableRandom rnd;
        final AsyncQueue<Integer> q;
        final Set<Integer> putOk = new HashSet<>();
        final Set<Integer> putCancelled = new HashSet<>();
        final Set<Integer> got = new HashSet<>();
        final List<Task<?>> tasks = new ArrayList<>();
        int cancelledGets;
        Throwable broken;

        World(long seed, AsyncQueue<Integer> q) {
            this.rnd = new SplittableRandom(seed);
            this.q = q;
        }

        void check() {
            int max = q.maxSize();
            assertTrue(max == 0 || q.size() <= max, "size " + q.size() + " above " + max);
            assertTrue(q.reservedItems() <= q.size(), "more items promised than held");
            if (q.size() > q.reservedItems()) {
                assertEquals(0, q.waitingGetters(), "a getter sleeps while an item is free: " + q);
            }
            if (max > 0 && q.size() + q.reservedSlots() < max) {
                assertEquals(0, q.waitingPutters(), "a putter sleeps while a slot is free: " + q);
            }
            for (Integer i : putCancelled) {
                assertFalse(got.contains(i), "the item of a cancelled put was got: " + i);
            }
        }

        Duration delay(int maxMicros) {
            return rnd.nextInt(4) == 0 ? Duration.ZERO : us(rnd.nextLong(maxMicros));
        }
    }

    /** sleep; [timeout]; await q.put(id) or id = await q.get() */
    static final class Actor extends Coroutine<Void> {
        final World w;
        final boolean producer;
        final int id;
        TimerHandle timeout;

        Actor(World w, boolean producer, int id) {
            this.w = w;
            this.producer = producer;
            this.id = id;
        }

        Task<Void> spawn() {
            return startLazily();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    if (await(Asyncio.sleep(w.delay(100_000)), 1)) {
                        return;
                    }
                case 1:
                    awaited();
                    if (w.rnd.nextInt(3) == 0) {
                        timeout = EventLoop.current().callLater(w.delay(5_000), this::cancel);
                    }
                    w.check();
                    if (await(producer ? w.q.put(id) : w.q.get(), 2)) {
                        return;
                    }
                case 2:
                    Object item;
                    try {
                        item = awaited();
                    } catch (CancelledError e) {
                        if (producer) {
                            w.putCancelled.add(id);
                        } else {
                            w.cancelledGets++;
                        }
                        w.check();
                        throw e;
                    }
                    if (timeout != null) {
                        timeout.cancel();
                    }
                    if (producer) {
                        assertTrue(w.putOk.add(id));
                    } else {
                        Integer i = (Integer) item;
                        assertTrue(w.putOk.contains(i), "got " + i + " before its put completed");
                        assertTrue(w.got.add(i), "item " + i + " was got twice");
                    }
                    w.check();
                    returnValue(null);
                    return;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    void stress(long seed, AsyncQueue<Integer> q) {
        World w = new World(seed, q);
        Asyncio.run(() -> {
            for (int i = 0; i < TASKS; i++) {
                w.tasks.add(new Actor(w, w.rnd.nextBoolean(), i).spawn());
            }
            EventLoop loop = EventLoop.current();
            for (int i = 0; i < TASKS / 4; i++) {
                loop.callLater(us(w.rnd.nextLong(120_000)), () -> {
                    try {
                        w.tasks.get(w.rnd.nextInt(w.tasks.size())).cancel();
                        w.check();
                    } catch (Throwable t) {
                        if (w.broken == null) {
                            w.broken = t;
                        }
                    }
                });
            }
            return Asyncio.sleep(Duration.ofSeconds(10));
        }, new VirtualClock());
        if (w.broken != null) {
            throw new AssertionError("an invariant broke in a loop callback", w.broken);
        }
        for (Task<?> t : w.tasks) {
            if (t.isDone() && !t.isCancelled() && t.exception() != null) {
                throw new AssertionError("an actor broke an invariant", t.exception());
            }
        }
        w.check();
        Set<Integer> left = new HashSet<>();
        while (q.size() > 0) {
            assertTrue(left.add(q.getNowait()));
        }
        Set<Integer> all = new HashSet<>(w.got);
        assertTrue(all.stream().noneMatch(left::contains), "an item was got and is still in the queue");
        all.addAll(left);
        assertEquals(w.putOk, all, "every item put was got exactly once or is still in the queue");
        assertTrue(w.got.size() > TASKS / 8 && (q.maxSize() == 0 || !w.putCancelled.isEmpty() && w.cancelledGets > 0),
                "the stress did little: got " + w.got.size() + ", cancelled puts " + w.putCancelled.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8, 0})
    void fifo(int maxSize) {
        stress(100 + maxSize, new AsyncQueue<>(maxSize));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void lifo(int maxSize) {
        stress(200 + maxSize, new LifoAsyncQueue<>(maxSize));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 0})
    void priority(int maxSize) {
        stress(300 + maxSize, new PriorityAsyncQueue<>(maxSize));
    }
}
