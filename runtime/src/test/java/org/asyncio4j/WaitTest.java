package org.asyncio4j;

import static org.asyncio4j.S.after;
import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section D: wait and asCompleted (cases 24-31). */
class WaitTest {
    final List<String> log = new ArrayList<>();

    private static <T> Task<T> failAfter(long ms, RuntimeException e) {
        return S.failAfter(ms, e);
    }

    @Test
    void case24_allCompletedNeverRaises() {
        S.run(() -> {
            Task<Object> a = after(100, "a", null);
            Task<Object> b = failAfter(150, new IllegalStateException("b"));
            return S.start(r -> await(Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED, null)), r -> {
                Done<Object> d = r.get();
                long failed = d.done().stream().filter(x -> x.exception() != null).count();
                log.add("returned@" + t() + " done=" + d.done().size() + " pending=" + d.pending().size() + " failed="
                        + failed);
                return done();
            });
        });
        assertEquals(List.of("returned@150 done=2 pending=0 failed=1"), log);
    }

    @Test
    void case25_firstCompleted() {
        S.run(() -> {
            Task<Object> a = after(10_000, "a", null);
            Task<Object> b = after(100, "b", null);
            return S.start(r -> await(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED, null)), r -> {
                Done<Object> d = r.get();
                log.add("returned@" + t() + " done={b}=" + d.done().equals(Set.of(b)) + " pending={a}="
                        + d.pending().equals(Set.of(a)) + " a done=" + a.isDone() + " cancelled=" + a.isCancelled());
                a.cancel();
                return done();
            });
        });
        assertEquals(List.of("returned@100 done={b}=true pending={a}=true a done=false cancelled=false"), log);
    }

    @Test
    void case25_tasksFinishingInTheSameIterationAreAllDone() {
        S.run(() -> {
            Task<Void> c1 = Asyncio.createTask(() -> S.start(r -> await(Asyncio.yieldNow()), r -> done()));
            Task<Void> c2 = Asyncio.createTask(() -> S.start(r -> await(Asyncio.yieldNow()), r -> done()));
            return S.start(r -> await(Asyncio.wait(List.of(c2, c1), ReturnWhen.FIRST_COMPLETED, null)), r -> {
                Done<Void> d = r.get();
                log.add("done=" + d.done().size() + " pending=" + d.pending().size());
                return done();
            });
        });
        assertEquals(List.of("done=2 pending=0"), log);
    }

    @Test
    void case25_theSetsAreTakenWhenTheAwaiterResumes() {
        // a completes; the wait is released by its callback; b completes right after, in that same
        // iteration. asyncio computes the sets in the awaiting task, one iteration later: both done.
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Integer> a = new Promise<>();
            Promise<Integer> b = new Promise<>();
            loop.callSoon(() -> {
                a.complete(1);
                loop.callSoon(() -> b.complete(2));
            });
            return S.start(r -> await(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED, null)), r -> {
                Done<Integer> d = r.get();
                log.add("done=" + d.done().size() + " pending=" + d.pending().size());
                return done();
            });
        });
        assertEquals(List.of("done=2 pending=0"), log);
    }

    @Test
    void case26_firstExceptionWithAnAlreadyFailedTaskReturnsAtOnce() {
        S.run(() -> {
            Task<Object> a = after(10_000, "a", null);
            Task<Object> b = Task.failed(new IllegalStateException("b"));
            return S.start(r -> await(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION, null)), r -> {
                Done<Object> d = r.get();
                log.add("returned@" + t() + " done={b}=" + d.done().equals(Set.of(b)));
                a.cancel();
                return done();
            });
        });
        assertEquals(List.of("returned@0 done={b}=true"), log);
    }

    @Test
    void case26_firstExceptionReturnsWhenATaskFails() {
        S.run(() -> {
            Task<Object> a = after(1000, "a", null);
            Task<Object> b = after(100, "b", null);
            Task<Object> c = failAfter(200, new IllegalArgumentException("key"));
            return S.start(r -> await(Asyncio.wait(List.of(a, b, c), ReturnWhen.FIRST_EXCEPTION, null)), r -> {
                Done<Object> d = r.get();
                log.add("returned@" + t() + " done={b,c}=" + d.done().equals(Set.of(b, c)) + " pending={a}="
                        + d.pending().equals(Set.of(a)));
                a.cancel();
                c.exception();
                return done();
            });
        });
        assertEquals(List.of("returned@200 done={b,c}=true pending={a}=true"), log);
    }

    @Test
    void case26_firstExceptionWithoutFailuresWaitsForAll() {
        S.run(() -> {
            Task<Object> a = after(100, "a", null);
            Task<Object> b = after(200, "b", null);
            return S.start(r -> await(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION, null)), r -> {
                Done<Object> d = r.get();
                log.add("returned@" + t() + " done=" + d.done().size());
                return done();
            });
        });
        assertEquals(List.of("returned@200 done=2"), log);
    }

    @Test
    void case27_aTimeoutReturnsThePendingSetWithoutRaising() {
        S.run(() -> {
            Task<Object> a = after(100, "a", null);
            Task<Object> b = after(150, "b", null);
            return S.start(r -> await(Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED, Duration.ofMillis(110))),
                    r -> {
                        Done<Object> d = r.get();
                        log.add("returned@" + t() + " done={a}=" + d.done().equals(Set.of(a)) + " pending={b}="
                                + d.pending().equals(Set.of(b)) + " b cancelled=" + b.isCancelled());
                        return await(b);
                    }, r -> done());
        });
        assertEquals(List.of("returned@110 done={a}=true pending={b}=true b cancelled=false"), log);
    }

    @Test
    void case28_argumentRules() {
        S.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Asyncio.wait(List.<Task<Object>>of(), ReturnWhen.ALL_COMPLETED, null));
            assertEquals("Set of Tasks/Futures is empty.", e.getMessage());
            assertThrows(NullPointerException.class, () -> Asyncio.wait(List.of(Task.completed(1)), null, null));
            assertThrows(NullPointerException.class, () -> Asyncio.wait(null, ReturnWhen.ALL_COMPLETED, null));
            return Task.completed();
        });
    }

    @Test
    void case28_cancellingTheWaiterDoesNotCancelTheTasks() {
        int[] proof = {0};
        S.run(() -> {
            Task<Object> a = S.start(r -> await(S.sleep(100)), r -> {
                proof[0]++;
                return done("a");
            });
            Task<Done<Object>> w = Asyncio.createTask(() -> Asyncio.wait(List.of(a), ReturnWhen.ALL_COMPLETED, null));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                w.cancel();
                return await(Asyncio.gatherSettled(List.of(w)));
            }, r -> {
                log.add("w cancelled=" + w.isCancelled() + " a cancelled=" + a.isCancelled());
                return await(a);
            }, r -> {
                log.add("a=" + r.get() + "@" + t());
                return done();
            });
        });
        assertEquals(List.of("w cancelled=true a cancelled=false", "a=a@100"), log);
        assertEquals(1, proof[0]);
    }

    // ------------------------------------------------------------------ asCompleted

    @Test
    void case29_asCompletedYieldsInCompletionOrder() {
        S.run(() -> {
            List<Task<String>> slots = Asyncio.asCompleted(List.of(after(300, "C", null), after(100, "A", null),
                    after(200, "B", null)));
            int[] i = {0};
            return S.start(r -> await(slots.get(0)), r -> {
                log.add(r.get() + "@" + t());
                return ++i[0] < 3 ? S.jump(slots.get(i[0]), 1) : done();
            });
        });
        assertEquals(List.of("A@100", "B@200", "C@300"), log);
    }

    @Test
    void case30_asCompletedTimeoutFailsTheRestAtTheDeadlineWithoutCancelling() {
        Task<?>[] b = new Task<?>[1];
        S.run(() -> {
            Task<String> a = after(100, "a", null);
            b[0] = after(300, "b", null);
            @SuppressWarnings("unchecked")
            List<Task<String>> slots = Asyncio.asCompleted(List.of(a, (Task<String>) b[0]), Duration.ofMillis(200));
            return S.start(r -> await(slots.get(0)), r -> {
                log.add(r.get() + "@" + t());
                return await(slots.get(1));
            }, r -> {
                try {
                    r.get();
                } catch (AsyncTimeoutException e) {
                    log.add("timeout@" + t() + " b cancelled=" + b[0].isCancelled() + " done=" + b[0].isDone());
                }
                return await(b[0]);
            }, r -> done());
        });
        assertEquals(List.of("a@100", "timeout@200 b cancelled=false done=false"), log);
        assertEquals("b", b[0].result());
    }

    @Test
    void case30_everyRemainingSlotTimesOutAtTheDeadline() {
        S.run(() -> {
            Task<String> a = after(300, "a", null);
            Task<String> b = after(300, "b", null);
            List<Task<String>> slots = Asyncio.asCompleted(List.of(a, b), Duration.ofMillis(100));
            int[] i = {0};
            return S.start(r -> await(slots.get(0)), r -> {
                try {
                    r.get();
                } catch (AsyncTimeoutException e) {
                    log.add("Timeout@" + t());
                }
                return ++i[0] < 2 ? S.jump(slots.get(1), 1) : await(Asyncio.gather(a, b));
            }, r -> done());
        });
        assertEquals(List.of("Timeout@100", "Timeout@100"), log);
    }

    @Test
    void case31_theIthSlotIsTheIthCompletionWhicheverIsAwaitedFirst() {
        S.run(() -> {
            List<Task<String>> futs = Asyncio.asCompleted(List.of(after(50, "a", null), after(100, "b", null)));
            return S.start(r -> await(futs.get(1)), r -> {
                log.add(r.get() + "@" + t());
                return await(futs.get(0));
            }, r -> {
                log.add(r.get() + "@" + t());
                return done();
            });
        });
        // futs[1] is the second completion: b at 100; futs[0] was already a
        assertEquals(List.of("b@100", "a@100"), log);
    }

    @Test
    void asCompletedPassesFailuresAndCancellationsThrough() {
        S.run(() -> {
            Task<String> bad = S.failAfter(10, new IllegalStateException("bad"));
            Task<String> slow = after(1000, "slow", null);
            List<Task<String>> slots = Asyncio.asCompleted(List.of(bad, slow));
            return S.start(r -> await(slots.get(0)), r -> {
                try {
                    r.get();
                } catch (IllegalStateException e) {
                    log.add("bad@" + t());
                }
                slow.cancel();
                return await(slots.get(1));
            }, r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("cancelled@" + t());
                }
                return done();
            });
        });
        assertEquals(List.of("bad@10", "cancelled@10"), log);
    }

    @Test
    void asCompletedOfNothingIsEmpty() {
        S.run(() -> {
            assertTrue(Asyncio.asCompleted(List.<Task<Object>>of()).isEmpty());
            assertFalse(Asyncio.asCompleted(List.of(Task.completed(1))).isEmpty());
            return Task.completed();
        });
    }
}
