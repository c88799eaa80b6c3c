package org.asyncio4j.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section L (cases 78-85) and seed cases S3, S4, ported from test_queues. */
class QueueTest {
    final List<Object> log = new ArrayList<>();

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    static Task<Void> tick() {
        return Asyncio.yieldNow();
    }

    static <T> List<T> drain(AsyncQueue<T> q) {
        List<T> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(q.getNowait());
        }
        return out;
    }

    @Test
    void case78_order() {
        AsyncQueue<Integer> fifo = new AsyncQueue<>();
        LifoAsyncQueue<Integer> lifo = new LifoAsyncQueue<>();
        PriorityAsyncQueue<Integer> prio = new PriorityAsyncQueue<>();
        for (AsyncQueue<Integer> q : List.of(fifo, lifo, prio)) {
            for (int i : new int[] {1, 3, 2}) {
                q.putNowait(i);
            }
        }
        assertEquals(List.of(1, 3, 2), drain(fifo));
        assertEquals(List.of(2, 3, 1), drain(lifo));
        assertEquals(List.of(1, 2, 3), drain(prio));
    }

    record Job(int priority, String name) {}

    @Test
    void case78_priorityTiesComeOutFifo() {
        PriorityAsyncQueue<Job> q = new PriorityAsyncQueue<>(0, Comparator.comparingInt(Job::priority));
        q.putNowait(new Job(1, "z"));
        q.putNowait(new Job(0, "first"));
        q.putNowait(new Job(1, "a"));
        assertEquals(List.of("first", "z", "a"), drain(q).stream().map(Job::name).toList());
        PriorityAsyncQueue<String> natural = new PriorityAsyncQueue<>();
        natural.putNowait("z");
        natural.putNowait("a");
        assertEquals(List.of("a", "z"), drain(natural));
        PriorityAsyncQueue<Object> bad = new PriorityAsyncQueue<>();
        ClassCastException e = assertThrows(ClassCastException.class, () -> bad.putNowait(new Object()));
        assertTrue(e.getMessage().contains("Comparator"), e.getMessage());
    }

    @Test
    void case78_blockedGettersAreServedFifo() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        run(p -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                Script.spawn(r -> q.get(), r -> {
                    log.add("g" + n + "=" + r.value());
                    return null;
                });
            }
            return tick();
        }, p -> {
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            return tick();
        }, p -> {
            assertEquals(List.of("g0=0", "g1=1", "g2=2"), log);
            return null;
        });
    }

    @Test
    void priorityQueueHandsAWokenGetterTheBestItemPresentWhenItRuns() {
        PriorityAsyncQueue<Integer> q = new PriorityAsyncQueue<>();
        run(p -> {
            Script.spawn(r -> q.get(), r -> {
                log.add(r.value());
                return null;
            });
            return tick();
        }, p -> {
            q.putNowait(5);
            q.putNowait(1); // put in the same step, before the getter ran: it gets 1, as in asyncio
            return tick();
        }, p -> {
            assertEquals(List.of(1), log);
            assertEquals(5, q.getNowait());
            return null;
        });
    }

    /** for i in range(n): await q.put(i); log(put i) */
    final class Putter extends Coroutine<Boolean> {
        final AsyncQueue<Integer> q;
        final int n;
        int i;

        Putter(AsyncQueue<Integer> q, int n) {
            this.q = q;
            this.n = n;
        }

        Task<Boolean> spawn() {
            return startLazily();
        }

        @Override
        protected void resume() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (i == n) {
                            returnValue(true);
                            return;
                        }
                        if (await(q.put(i), 1)) {
                            return;
                        }
                        continue;
                    case 1:
                        awaited();
                        log.add(i);
                        i++;
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void case79_maxSizeBlocksPut() {
        AsyncQueue<Integer> q = new AsyncQueue<>(2);
        assertEquals(2, q.maxSize());
        Task<?>[] t = new Task<?>[1];
        run(p -> {
            t[0] = new Putter(q, 3).spawn();
            return tick();
        }, p -> tick(), p -> {
            assertEquals(List.of(0, 1), log);
            assertTrue(q.isFull());
            return q.get();
        }, p -> {
            assertEquals(0, (int) p.value());
            return tick();
        }, p -> {
            assertEquals(List.of(0, 1, 2), log);
            assertEquals(1, q.getNowait());
            assertEquals(2, q.getNowait());
            return t[0];
        });
    }

    @Test
    void case79_nowaitForms() {
        AsyncQueue<Integer> q = new AsyncQueue<>(1);
        q.putNowait(1);
        QueueFullException full = assertThrows(QueueFullException.class, () -> q.putNowait(2));
        assertTrue(full.getMessage().contains("full"), full.getMessage());
        assertEquals(1, q.getNowait());
        QueueEmptyException empty = assertThrows(QueueEmptyException.class, q::getNowait);
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> new AsyncQueue<>(-1));
        assertTrue(neg.getMessage().contains(">= 0"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LifoAsyncQueue<>(-1));
        assertThrows(IllegalArgumentException.class, () -> new PriorityAsyncQueue<>(-2));
        AsyncQueue<String> nulls = new AsyncQueue<>();
        nulls.putNowait(null);
        assertEquals(1, nulls.size());
        assertNull(nulls.getNowait());
    }

    @Test
    void case80_joinCountsPutsNotGets() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        Task<?>[] j = new Task<?>[1];
        run(p -> {
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            j[0] = q.join();
            for (int i = 0; i < 3; i++) {
                q.getNowait();
            }
            return tick();
        }, p -> {
            assertFalse(j[0].isDone());
            q.taskDone();
            q.taskDone();
            return tick();
        }, p -> {
            assertFalse(j[0].isDone());
            q.taskDone();
            assertTrue(j[0].isDone());
            IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
            assertTrue(e.getMessage().contains("too many times"), e.getMessage());
            return j[0];
        });
    }

    @Test
    void case80_joinOnAnEmptyQueueReturnsAtOnce_taskDoneMayPrecedeGet() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        run(p -> {
            assertTrue(q.join().isDone());
            assertTrue(q.join().isDone());
            q.putNowait(1);
            q.taskDone();
            Task<Void> j = q.join();
            assertTrue(j.isDone());
            assertEquals(1, q.size());
            return j;
        });
    }

    @Test
    void case81_cancelledGetDropsNoItem() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        Task<?>[] r = new Task<?>[1];
        run(p -> {
            r[0] = Asyncio.createTask(q::get);
            return tick();
        }, p -> {
            q.putNowait(1);
            q.putNowait(2);
            r[0].cancel();
            return r[0];
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(2, q.size());
            r[0] = Asyncio.createTask(q::get);
            return r[0];
        }, p -> {
            assertEquals(1, (int) p.value());
            assertEquals(1, q.size());
            return null;
        });
    }

    @Test
    void case81_cancelOneOfManyPendingReaders() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        List<Task<Integer>> r = new ArrayList<>();
        run(p -> {
            for (int i = 0; i < 3; i++) {
                r.add(Asyncio.createTask(q::get));
            }
            return tick();
        }, p -> {
            q.putNowait(1);
            q.putNowait(2);
            r.get(0).cancel();
            return r.get(0);
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            return r.get(2);
        }, p -> r.get(1), p -> {
            assertEquals(Set.of(1, 2), new HashSet<>(List.of(r.get(1).result(), r.get(2).result())));
            return null;
        });
    }

    @Test
    void case81_wokenGetterCancelledPassesTheWakeUpOn() {
        AsyncQueue<String> q = new AsyncQueue<>();
        List<Task<String>> r = new ArrayList<>();
        run(p -> {
            r.add(Asyncio.createTask(q::get));
            r.add(Asyncio.createTask(q::get));
            return tick();
        }, p -> {
            q.putNowait("a");
            r.get(0).cancel();
            return r.get(1);
        }, p -> {
            assertEquals("a", p.value());
            assertTrue(r.get(0).isCancelled());
            assertEquals(0, q.size());
            return null;
        });
    }

    @Test
    void case81_getterThatTimesOutLeavesNoGetterBehind() {
        AsyncQueue<String> q = new AsyncQueue<>();
        run(p -> {
            Task<String> g = Asyncio.createTask(q::get);
            EventLoop.current().callLater(Duration.ofMillis(10), g::cancel);
            return g;
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(10_000_000L, EventLoop.current().time());
            assertEquals(0, q.waitingGetters());
            assertEquals(0, q.reservedItems());
            return null;
        });
    }

    @Test
    void case82_cancelledPutNeitherEnqueuesNorLosesAnItem() {
        AsyncQueue<Integer> q = new AsyncQueue<>(1);
        Task<?>[] w = new Task<?>[1];
        run(p -> {
            q.putNowait(1);
            w[0] = Asyncio.createTask(() -> q.put(2));
            return tick();
        }, p -> {
            assertEquals(1, q.getNowait());
            w[0].cancel();
            return w[0];
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(0, q.size(), "2 was not enqueued");
            w[0] = Asyncio.createTask(() -> q.put(2));
            return w[0];
        }, p -> {
            assertEquals(2, q.getNowait());
            assertEquals(0, q.size());
            return null;
        });
    }

    @Test
    void case82_putCancelledRace() {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        List<Task<Void>> puts = new ArrayList<>();
        run(p -> {
            for (String s : List.of("a", "b", "X")) {
                puts.add(Asyncio.createTask(() -> q.put(s)));
            }
            return tick();
        }, p -> {
            assertTrue(puts.get(0).isDone());
            assertFalse(puts.get(1).isDone());
            puts.get(2).cancel();
            return tick();
        }, p -> {
            assertTrue(puts.get(2).isDone());
            assertEquals("a", q.getNowait());
            return tick();
        }, p -> {
            assertEquals("b", q.getNowait());
            return puts.get(1);
        }, p -> {
            assertEquals(0, q.size());
            assertEquals(0, q.waitingPutters());
            return null;
        });
    }

    @Test
    void case82_cancelledPutterLeavesThePutters() {
        AsyncQueue<Integer> q = new AsyncQueue<>(1);
        run(p -> {
            q.putNowait(1);
            Task<Void> put = Asyncio.createTask(() -> q.put(1));
            return Script.go(r -> tick(), r -> {
                assertEquals(1, q.waitingPutters());
                put.cancel();
                return put;
            }, r -> {
                assertInstanceOf(CancelledError.class, r.failure());
                assertEquals(0, q.waitingPutters());
                return null;
            });
        });
    }

    @Test
    void case83_noBarging_theWokenGetterKeepsItsItem() {
        // asyncio lets get_nowait() snatch the item a woken getter was about to take; we reserve it.
        AsyncQueue<String> q = new AsyncQueue<>();
        Task<?>[] g = new Task<?>[1];
        run(p -> {
            g[0] = Asyncio.createTask(q::get);
            return tick();
        }, p -> {
            q.putNowait("item");
            assertTrue(q.isEmpty(), "the item is reserved for the woken getter");
            assertEquals(1, q.size());
            assertThrows(QueueEmptyException.class, q::getNowait);
            return g[0];
        }, p -> {
            assertEquals("item", p.value());
            return null;
        });
    }

    @Test
    void case84_shutdownEmptyQueue() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        Task<?>[] t = new Task<?>[2];
        run(p -> {
            t[0] = Asyncio.createTask(q::get);
            t[1] = q.join();
            assertTrue(t[1].isDone());
            return tick();
        }, p -> {
            q.shutdown();
            return tick();
        }, p -> {
            assertInstanceOf(QueueShutDownException.class, t[0].exception());
            QueueShutDownException e = assertThrows(QueueShutDownException.class, () -> q.putNowait(1));
            assertTrue(e.getMessage().contains("shut down"), e.getMessage());
            return q.put(1);
        }, p -> {
            assertInstanceOf(QueueShutDownException.class, p.failure());
            return q.get();
        }, p -> {
            assertInstanceOf(QueueShutDownException.class, p.failure());
            assertThrows(QueueShutDownException.class, q::getNowait);
            return null;
        });
    }

    @Test
    void case84_shutdownNonEmptyQueue() {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        Task<?>[] t = new Task<?>[2];
        run(p -> {
            q.putNowait("data");
            t[0] = Asyncio.createTask(() -> q.put("d2"));
            t[1] = Asyncio.createTask(q::join);
            return tick();
        }, p -> {
            q.shutdown();
            return t[0];
        }, p -> {
            assertInstanceOf(QueueShutDownException.class, p.failure());
            return q.get();
        }, p -> {
            assertEquals("data", p.value());
            return q.get();
        }, p -> {
            assertInstanceOf(QueueShutDownException.class, p.failure());
            assertFalse(t[1].isDone());
            q.taskDone();
            return t[1];
        }, p -> {
            p.value();
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
    }

    @Test
    void case85_shutdownImmediateDropsItemsAndCountsThemDone() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        Task<?>[] j = new Task<?>[1];
        run(p -> {
            q.putNowait(1);
            j[0] = q.join();
            q.shutdown(true);
            assertEquals(0, q.size());
            return tick();
        }, p -> {
            assertTrue(j[0].isDone());
            return null;
        });
    }

    @Test
    void case85_shutdownImmediateWithAnUnfinishedItem() {
        AsyncQueue<Integer> q = new AsyncQueue<>();
        Task<?>[] j = new Task<?>[1];
        run(p -> {
            q.putNowait(1);
            q.putNowait(2);
            assertEquals(1, q.getNowait());
            j[0] = q.join();
            q.shutdown(true);
            assertEquals(0, q.size());
            return tick();
        }, p -> {
            assertFalse(j[0].isDone());
            q.taskDone();
            return j[0];
        }, p -> {
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
    }

    /** S3: while True: item = await q.get(); log(get item); q.task_done(); if item is None: break */
    final class Consumer extends Coroutine<Void> {
        final AsyncQueue<Integer> q;
        final Duration pause;

        Consumer(AsyncQueue<Integer> q, Duration pause) {
            this.q = q;
            this.pause = pause;
        }

        Task<Void> spawn() {
            return startLazily();
        }

        @Override
        protected void resume() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (await(q.get(), 1)) {
                            return;
                        }
                        continue;
                    case 1: {
                        Integer item = awaited();
                        log.add("get" + (item == null ? "None" : item));
                        q.taskDone();
                        if (item == null) {
                            returnValue(null);
                            return;
                        }
                        if (pause != null) {
                            if (await(Asyncio.sleep(pause), 0)) {
                                return;
                            }
                            awaited();
                        }
                        state = 0;
                        continue;
                    }
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    /** S3/S4: for i in range(n): [count blocked]; await q.put(i); log; await q.put(None) */
    final class Producer extends Coroutine<Void> {
        final AsyncQueue<Integer> q;
        final int n;
        int i;
        int blocked;
        int maxSize;

        Producer(AsyncQueue<Integer> q, int n) {
            this.q = q;
            this.n = n;
        }

        Task<Void> spawn() {
            return startLazily();
        }

        @Override
        protected void resume() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (i == n) {
                            if (await(q.put(null), 2)) {
                                return;
                            }
                            continue;
                        }
                        if (q.isFull()) {
                            blocked++;
                        }
                        if (await(q.put(i), 1)) {
                            return;
                        }
                        continue;
                    case 1:
                        awaited();
                        maxSize = Math.max(maxSize, q.size());
                        log.add("put" + i);
                        i++;
                        state = 0;
                        continue;
                    case 2:
                        awaited();
                        log.add("put-sentinel");
                        returnValue(null);
                        return;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void seedS3_producerConsumerWithMaxSizeAndSentinel() {
        AsyncQueue<Integer> q = new AsyncQueue<>(2);
        run(p -> {
            Task<Void> prod = new Producer(q, 5).spawn();
            Task<Void> cons = new Consumer(q, null).spawn();
            return Script.go(r -> prod, r -> cons, r -> q.join());
        }, p -> {
            assertEquals(List.of("put0", "put1", "get0", "get1", "put2", "put3", "get2", "get3", "put4",
                    "put-sentinel", "get4", "getNone"), log);
            assertTrue(q.join().isDone());
            return null;
        });
    }

    @Test
    void seedS4_backpressureThroughAQueueOf8() {
        AsyncQueue<Integer> q = new AsyncQueue<>(8);
        Producer[] prod = new Producer[1];
        run(p -> {
            prod[0] = new Producer(q, 30);
            Task<Void> pt = prod[0].spawn();
            Task<Void> ct = new Consumer(q, Duration.ofMillis(1)).spawn();
            return Script.go(r -> pt, r -> ct);
        }, p -> {
            assertEquals(8, prod[0].maxSize);
            assertEquals(22, prod[0].blocked);
            List<Object> got = log.stream().filter(s -> ((String) s).startsWith("get") && !s.equals("getNone"))
                    .map(s -> (Object) Integer.parseInt(((String) s).substring(3))).toList();
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                expected.add(i);
            }
            assertEquals(expected, got);
            assertEquals(30_000_000L, EventLoop.current().time());
            return null;
        });
    }

    @Test
    void seedS3_manyConsumersEndOnShutdownInsteadOfSentinels() {
        AsyncQueue<Integer> q = new AsyncQueue<>(2);
        List<Task<Object>> consumers = new ArrayList<>();
        int[] sum = new int[1];
        run(p -> {
            for (int c = 0; c < 3; c++) {
                int id = c;
                consumers.add(Script.spawn(new Script.Step() {
                    @Override
                    public Object apply(Script.Res r) {
                        return q.get();
                    }
                }, r -> consumeUntilShutDown(q, id, r, sum)));
            }
            return new Putter(q, 6).spawn();
        }, p -> {
            q.shutdown();
            return consumers.get(0);
        }, p -> consumers.get(1), p -> consumers.get(2), p -> {
            assertEquals(0 + 1 + 2 + 3 + 4 + 5, sum[0]);
            assertEquals(List.of("c0 shut down", "c1 shut down", "c2 shut down"),
                    log.stream().filter(s -> s instanceof String).toList());
            return null;
        });
    }

    /** The rest of a consumer loop: take r's item, then get again, until QueueShutDownException. */
    Object consumeUntilShutDown(AsyncQueue<Integer> q, int id, Script.Res r, int[] sum) {
        if (r.failure() instanceof QueueShutDownException) {
            log.add("c" + id + " shut down");
            return null;
        }
        sum[0] += r.<Integer>value();
        q.taskDone();
        return Script.go(x -> q.get(), x -> consumeUntilShutDown(q, id, x, sum), x -> x.value());
    }

    @Test
    void seedS4_batchesOf8() {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 30; i += 8) {
            sizes.add(Math.min(8, 30 - i));
        }
        assertEquals(List.of(8, 8, 8, 6), sizes);
    }
}
