package org.asyncio4j;

import static org.asyncio4j.S.after;
import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section C: gather (cases 18-23). */
class GatherTest {
    final List<String> log = new ArrayList<>();

    @Test
    void case18_resultsInArgumentOrderWhateverTheCompletionOrder() {
        S.run(() -> {
            Promise<Integer> a = new Promise<>();
            Promise<Integer> b = new Promise<>();
            Promise<Integer> c = new Promise<>();
            Task<List<Integer>> g = Asyncio.gather(a, b, c);
            int[] callbacks = {0};
            g.addDoneCallback(x -> callbacks[0]++);
            return S.start(r -> {
                b.complete(1);
                a.complete(2);
                return await(Asyncio.yieldNow());
            }, r -> await(Asyncio.yieldNow()), r -> {
                assertFalse(g.isDone());
                c.complete(3);
                return await(g);
            }, r -> {
                assertEquals(List.of(2, 1, 3), r.get());
                return await(Asyncio.yieldNow());
            }, r -> {
                assertEquals(1, callbacks[0]);
                log.add("ok");
                return done();
            });
        });
        assertEquals(List.of("ok"), log);
    }

    @Test
    void case19_theFirstFailurePropagatesAtOnceAndSiblingsKeepRunning() {
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).exceptionHandler(reports::add).build();
        Task<?>[] ok = new Task<?>[1];
        loop.runUntilComplete(() -> {
            ok[0] = after(300, "ok", log);
            Task<Object> bad = S.failAfter(100, new IllegalArgumentException("k"));
            Task<Object> bad2 = S.failAfter(200, new IllegalStateException("later, marked retrieved"));
            return S.start(r -> await(Asyncio.gather(ok[0], bad, bad2)), r -> {
                try {
                    r.get();
                } catch (IllegalArgumentException e) {
                    log.add("gather failed " + e.getMessage() + "@" + t() + " sibling done=" + ok[0].isDone()
                            + " cancelled=" + ok[0].isCancelled());
                }
                return await(S.sleep(300));
            }, r -> done());
        });
        loop.close();
        assertEquals(List.of("gather failed k@100 sibling done=false cancelled=false", "ok@300"), log);
        assertEquals("ok", ok[0].result());
        assertEquals(List.of(), reports, "later sibling failures are marked retrieved");
    }

    @Test
    void case20_gatherSettledReturnsEveryOutcome() {
        IllegalStateException exc = new IllegalStateException("exc");
        IllegalArgumentException exc2 = new IllegalArgumentException("exc2");
        List<Outcome<Integer>> out = S.run(() -> {
            Promise<Integer> a = new Promise<>();
            Promise<Integer> b = new Promise<>();
            Promise<Integer> c = new Promise<>();
            Promise<Integer> d = new Promise<>();
            Task<List<Outcome<Integer>>> g = Asyncio.gatherSettled(List.of(a, b, c, d));
            return S.start(r -> {
                b.complete(1);
                c.fail(exc);
                a.complete(3);
                return await(Asyncio.yieldNow());
            }, r -> await(Asyncio.yieldNow()), r -> {
                assertFalse(g.isDone());
                d.fail(exc2);
                return S.ret(g);
            });
        });
        assertEquals(4, out.size());
        assertEquals(3, out.get(0).value());
        assertEquals(1, out.get(1).value());
        assertSame(exc, out.get(2).failure());
        assertSame(exc2, out.get(3).failure());
        assertFalse(out.get(2).isSuccess());
    }

    @Test
    void case21a_aCancelledChildFailsTheGatherWithCancelledErrorButItIsNotCancelled() {
        S.run(() -> {
            Task<String> x = Asyncio.createTask(() -> after(100, "x", null));
            Task<String> y = Asyncio.createTask(() -> after(200, "y", null));
            Task<List<String>> g = Asyncio.gather(x, y);
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                x.cancel();
                return await(g);
            }, r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("CancelledError@" + t() + " g.cancelled=" + g.isCancelled() + " sibling cancelled="
                            + y.isCancelled());
                }
                return await(y);
            }, r -> done());
        });
        assertEquals(List.of("CancelledError@0 g.cancelled=false sibling cancelled=false"), log);
    }

    @Test
    void case21b_gatherSettledHoldsACancelledErrorForTheCancelledChild() {
        List<Outcome<String>> out = S.run(() -> {
            Task<String> x = Asyncio.createTask(() -> after(100, "x", null));
            Task<String> y = Asyncio.createTask(() -> after(200, "y", null));
            Task<List<Outcome<String>>> g = Asyncio.gatherSettled(List.of(x, y));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                x.cancel();
                return S.ret(g);
            });
        });
        assertInstanceOf(CancelledError.class, out.get(0).failure());
        assertEquals("y", out.get(1).value());
    }

    @Test
    void case22_cancellingTheAwaiterCancelsEveryChildEvenWhenSettled() {
        int[] proof = {0};
        Task<?>[] kids = new Task<?>[2];
        Task<?>[] gs = new Task<?>[1];
        S.run(() -> {
            Promise<Void> waiter = new Promise<>();
            kids[0] = Asyncio.createTask(() -> S.start(r -> await(waiter), r -> {
                r.get();
                proof[0] += 100;
                return done();
            }));
            kids[1] = Asyncio.createTask(() -> after(200, "y", null));
            Task<List<Outcome<Object>>> g = Asyncio.gatherSettled(List.of(kids[0], kids[1]));
            gs[0] = g;
            Task<Object> outer = Asyncio.createTask(() -> S.start(r -> await(g), r -> {
                r.get();
                proof[0] += 1;
                return done();
            }));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                assertTrue(outer.cancel());
                return await(outer);
            }, r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("outer CancelledError@" + t() + " cancelled=" + outer.isCancelled());
                }
                assertTrue(waiter.isCancelled());
                return done();
            });
        });
        assertEquals(List.of("outer CancelledError@0 cancelled=true"), log);
        assertTrue(kids[0].isCancelled());
        assertTrue(kids[1].isCancelled());
        assertFalse(gs[0].cancel(), "the gather is done");
        assertEquals(0, proof[0]);
    }

    @Test
    void case22_directCancelStaysPendingUntilTheChildrenFinish() {
        S.run(() -> {
            Task<String> x = Asyncio.createTask(() -> after(100, "x", null));
            Task<String> y = Asyncio.createTask(() -> after(200, "y", null));
            Task<List<Outcome<String>>> g = Asyncio.gatherSettled(List.of(x, y));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                assertTrue(g.cancel("stop"));
                log.add("done right after cancel=" + g.isDone());
                return await(g);
            }, r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("CancelledError(" + e.getMessage() + ") g.cancelled=" + g.isCancelled());
                }
                return done();
            });
        });
        assertEquals(List.of("done right after cancel=false", "CancelledError(stop) g.cancelled=false"), log);
    }

    @Test
    void case23_cancelAfterEveryChildIsDoneReturnsFalse() {
        S.run(() -> {
            Task<List<Integer>> g = Asyncio.gather(after(10, 42, null));
            return S.start(r -> await(g), r -> {
                assertFalse(g.cancel());
                assertEquals(List.of(42), g.result());
                log.add("ok");
                return done();
            });
        });
        assertEquals(List.of("ok"), log);
    }

    @Test
    void case23_theSameTaskTwiceRunsOnce() {
        List<String> r = S.run(() -> {
            Task<String> c = S.start(x -> {
                log.add("run abc");
                return await(Asyncio.yieldNow());
            }, x -> done("abc"));
            Task<String> d = S.start(x -> {
                log.add("run def");
                return done("def");
            });
            return Asyncio.gather(c, c, d, c);
        });
        assertEquals(List.of("abc", "abc", "def", "abc"), r);
        assertEquals(List.of("run abc", "run def"), log);
    }

    @Test
    void case23_emptyGatherIsDoneAtOnce() {
        S.run(() -> {
            Task<List<Object>> g = Asyncio.gather(List.of());
            assertTrue(g.isDone());
            assertEquals(List.of(), g.result());
            return Task.completed();
        });
    }

    @Test
    void gatherRejectsNullsAndTasksOfAnotherLoop() {
        Task<?>[] foreign = new Task<?>[1];
        S.run(() -> {
            foreign[0] = new Promise<Void>();
            return Task.completed();
        });
        S.run(() -> {
            assertThrows(NullPointerException.class, () -> Asyncio.gather((List<Task<Object>>) null));
            List<Task<Object>> withNull = new ArrayList<>();
            withNull.add(null);
            NullPointerException npe = assertThrows(NullPointerException.class, () -> Asyncio.gather(withNull));
            assertTrue(npe.getMessage().contains("index 0"), npe.getMessage());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.gather(foreign[0]));
            assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
            return Task.completed();
        });
    }

    // asyncio 3.13 runs the done callback of an already-done child inside gather() (tasks.py,
    // "for fut in done_futs: _done_callback(fut)"): a gather of finished children is done when it
    // is returned, so awaiting it does not yield to callbacks that were ready before. Orders below
    // were checked against CPython 3.13.0.
    @Test
    void gatherOfDoneChildrenIsDoneAtOnceAndAwaitingItDoesNotYield() {
        S.run(() -> {
            Promise<String> a = new Promise<>();
            Promise<String> b = new Promise<>();
            a.complete("a");
            b.complete("b");
            EventLoop.current().callSoon(() -> log.add("soon"));
            Task<List<String>> g = Asyncio.gather(a, b, a);
            log.add("done=" + g.isDone());
            return S.start(r -> await(g), r -> {
                log.add("resumed " + r.get());
                return await(Asyncio.yieldNow());
            }, r -> {
                log.add("after yield");
                return done();
            });
        });
        assertEquals(List.of("done=true", "resumed [a, b, a]", "soon", "after yield"), log);
    }

    @Test
    void aFailedDoneChildFailsTheGatherAtOnceAndALaterSiblingFailureIsMarkedRetrieved() {
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).exceptionHandler(reports::add).build();
        loop.runUntilComplete(() -> {
            Promise<String> bad = new Promise<>();
            bad.fail(new IllegalStateException("k"));
            Promise<String> p = new Promise<>();
            Task<List<String>> g = Asyncio.gather(p, bad);
            log.add("done=" + g.isDone() + " " + g.exception().getMessage());
            EventLoop.current().callSoon(() -> p.fail(new IllegalArgumentException("v")));
            return S.start(r -> await(Asyncio.yieldNow()), r -> await(Asyncio.yieldNow()), r -> {
                log.add("p done=" + p.isDone());
                return done();
            });
        });
        loop.close();
        assertEquals(List.of("done=true k", "p done=true"), log);
        assertEquals(List.of(), reports, "the later sibling failure is marked retrieved");
    }

    @Test
    void doneAndPendingChildrenMixedResumeTheAwaiterAsAsyncioDoes() {
        S.run(() -> {
            Promise<String> a = new Promise<>();
            a.complete("a");
            Promise<String> q = new Promise<>();
            Task<List<String>> g = Asyncio.gather(a, q);
            log.add("done=" + g.isDone());
            EventLoop.current().callSoon(() -> {
                q.complete("q");
                log.add("set q");
            });
            EventLoop.current().callSoon(() -> log.add("cb2"));
            g.addDoneCallback(x -> log.add("g done cb"));
            return S.start(r -> await(g), r -> {
                log.add("resumed " + r.get());
                return done();
            });
        });
        assertEquals(List.of("done=false", "set q", "cb2", "g done cb", "resumed [a, q]"), log);
    }

    @Test
    void aRejectedGatherLeavesNoDuplicateMarkBehind() {
        List<String> r = S.run(() -> {
            Promise<String> a = new Promise<>();
            a.complete("a");
            List<Task<String>> withNull = new ArrayList<>();
            withNull.add(a);
            withNull.add(a);
            withNull.add(null);
            assertThrows(NullPointerException.class, () -> Asyncio.gather(withNull));
            return Asyncio.gather(a, a);
        });
        assertEquals(List.of("a", "a"), r);
    }

    @Test
    void duplicatesAmongManyDoneAndPendingChildrenAreAwaitedOnceInArgumentOrder() {
        List<Integer> r = S.run(() -> {
            List<Task<Integer>> kids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int v = i;
                kids.add(i % 2 == 0 ? S.start(x -> done(v)) : S.lazy(x -> done(v)));
            }
            List<Task<Integer>> args = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                args.add(kids.get(i));
                args.add(kids.get(49 - i));
            }
            return Asyncio.gather(args);
        });
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
            expected.add(49 - i);
        }
        assertEquals(expected, r);
    }
}
