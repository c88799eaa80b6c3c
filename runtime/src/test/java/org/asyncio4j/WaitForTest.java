package org.asyncio4j;

import static org.asyncio4j.S.after;
import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.ms;
import static org.asyncio4j.S.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section E: waitFor, 3.12+ semantics (cases 32-39; eager start per section P). */
class WaitForTest {
    final List<String> log = new ArrayList<>();

    /** Catches whatever the awaited task raises and logs it with the loop time. */
    Object logOutcome(S.R r) {
        try {
            log.add("result " + r.get() + "@" + t());
        } catch (Throwable e) {
            log.add(e.getClass().getSimpleName() + "@" + t());
        }
        return done();
    }

    @Test
    void case32_onTimeoutTheInnerTaskIsCancelledAndAwaited() {
        Task<?>[] inner = new Task<?>[1];
        Throwable[] failure = new Throwable[1];
        S.run(() -> {
            inner[0] = Asyncio.createTask(() -> S.start(r -> await(S.sleep(10_000)), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("inner got cancel@" + t());
                    return await(S.sleep(50));
                }
                return done();
            }, r -> {
                log.add("inner cleanup done@" + t());
                throw new CancelledError();
            }));
            return S.start(r -> await(Asyncio.waitFor(inner[0], ms(100))), r -> {
                try {
                    r.get();
                } catch (AsyncTimeoutException e) {
                    failure[0] = e;
                    log.add("AsyncTimeoutException@" + t() + " cancelling=" + Task.current().cancelling());
                }
                return done();
            });
        });
        assertEquals(List.of("inner got cancel@100", "inner cleanup done@150", "AsyncTimeoutException@150 cancelling=0"),
                log);
        String msg = failure[0].getMessage();
        assertTrue(msg.startsWith("the timeout of 100 ms entered at 0.0 s of loop time in task ")
                && msg.endsWith(" expired at 0.15 s"), msg);
        assertInstanceOf(CancelledError.class, failure[0].getCause());
        assertTrue(inner[0].isCancelled());
    }

    @Test
    void case33_zeroTimeoutNeverStartsALazyTask() {
        boolean[] started = {false};
        S.run(() -> {
            Task<Void> foo = Asyncio.createTask(() -> {
                started[0] = true;
                return Task.completed();
            });
            return S.start(r -> await(Asyncio.waitFor(foo, Duration.ZERO)), this::logOutcome);
        });
        assertEquals(List.of("AsyncTimeoutException@0"), log);
        assertFalse(started[0]);
    }

    @Test
    void case33_sectionP_zeroTimeoutWithAnEagerCallHasRunTheBody() {
        boolean[] started = {false};
        S.run(() -> {
            Task<Void> foo = S.start(r -> {
                started[0] = true;
                return await(S.sleep(10));
            }, r -> done(r.get()));
            return S.start(r -> await(Asyncio.waitFor(foo, Duration.ZERO)), this::logOutcome);
        });
        assertEquals(List.of("AsyncTimeoutException@0"), log);
        assertTrue(started[0]);
    }

    @Test
    void case33_zeroTimeoutReturnsTheResultOfADoneTask() {
        S.run(() -> {
            Promise<String> f = new Promise<>();
            f.complete("done");
            return S.start(r -> await(Asyncio.waitFor(f, Duration.ofSeconds(-1))), this::logOutcome);
        });
        assertEquals(List.of("result done@0"), log);
    }

    @Test
    void case34_theInnerTaskSuppressingTheCancelDecides() {
        S.run(() -> {
            Task<Integer> ret42 = S.start(r -> await(S.sleep(10_000)), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    return done(42);
                }
                return done(0);
            });
            return S.start(r -> await(Asyncio.waitFor(ret42, ms(50))), this::logOutcome);
        });
        assertEquals(List.of("result 42@50"), log);
    }

    @Test
    void case34_aStubbornInnerTaskFinishesAndItsValueIsReturned() {
        S.run(() -> {
            long end = S.now() + ms(200).toNanos();
            Task<String> stubborn = S.start(r -> await(Asyncio.sleep(Duration.ofNanos(end - S.now()))), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("ignored cancel@" + t());
                }
                return S.now() < end ? S.jump(Task.completed(), 0) : done("stubborn-done");
            });
            return S.start(r -> await(Asyncio.waitFor(stubborn, ms(50))), this::logOutcome);
        });
        assertEquals(List.of("ignored cancel@50", "result stubborn-done@200"), log);
    }

    @Test
    void case35_anotherExceptionRaisedDuringTheCancelPropagatesAsItIs() {
        IllegalStateException cleanup = new IllegalStateException("cleanup");
        Throwable[] got = new Throwable[1];
        S.run(() -> {
            Task<Void> raiser = S.start(r -> await(S.sleep(1000)), r -> {
                throw cleanup; // "finally: raise KeyError"
            });
            return S.start(r -> await(Asyncio.waitFor(raiser, ms(10))), r -> {
                try {
                    r.get();
                } catch (Throwable e) {
                    got[0] = e;
                }
                return done();
            });
        });
        assertSame(cleanup, got[0]);
        assertEquals(1, cleanup.getSuppressed().length);
        assertInstanceOf(AsyncTimeoutException.class, cleanup.getSuppressed()[0]);
    }

    @Test
    void case36_cancellingTheCallerCancelsTheInnerTask() {
        for (Duration timeout : new Duration[] {Duration.ofSeconds(60), null}) {
            log.clear();
            Task<?>[] inner = new Task<?>[1];
            S.run(() -> {
                Task<Void> never = Asyncio.createTask(() -> S.start(r -> await(new Promise<Void>()), r -> done(r.get())));
                inner[0] = never;
                Task<Void> w = Asyncio.createTask(() -> Asyncio.waitFor(never, timeout));
                EventLoop.current().callSoon(w::cancel);
                return S.start(r -> await(w), this::logOutcome);
            });
            assertEquals(List.of("CancelledError@0"), log, "timeout " + timeout);
            assertTrue(inner[0].isCancelled(), "timeout " + timeout);
        }
    }

    @Test
    void case37_theOuterCancelWinsWhenTheInnerFinishesInTheSameIteration() {
        boolean[] reached = {false};
        Task<?>[] qt = new Task<?>[1];
        S.run(() -> {
            qt[0] = Asyncio.createTask(() -> Task.completed("done"));
            Task<Void> wfc = Asyncio.createTask(() -> S.start(r -> await(Asyncio.waitFor(qt[0], Duration.ofSeconds(100))),
                    r -> {
                        r.get();
                        return await(S.sleep(1000));
                    }, r -> {
                        r.get();
                        reached[0] = true;
                        return done();
                    }));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                wfc.cancel();
                return await(wfc);
            }, this::logOutcome);
        });
        assertEquals(List.of("CancelledError@0"), log);
        assertFalse(reached[0]);
        assertEquals("done", qt[0].result());
    }

    @Test
    void case37_theOuterCancelWinsWhenTheInnerCompletesAfterTheAwaiterWasScheduled() {
        // The inner completes, the wait_for task is queued to resume, and is cancelled before it runs.
        S.run(() -> {
            Promise<String> inner = new Promise<>();
            Task<String> w = Asyncio.waitFor(inner, Duration.ofSeconds(100));
            Task<Object> caller = S.start(r -> await(w), this::logOutcome);
            EventLoop.current().callSoon(() -> {
                inner.complete("done");
                caller.cancel();
            });
            return S.start(r -> await(caller), r -> {
                assertTrue(w.isCancelled());
                assertEquals("done", inner.result());
                return done();
            });
        });
        assertEquals(List.of("CancelledError@0"), log);
    }

    @Test
    void case38_aResultSetInTheIterationOfTheTimeoutLosesToTheTimeout() {
        Promise<?>[] f = new Promise<?>[1];
        S.run(() -> {
            Promise<String> p = new Promise<>();
            f[0] = p;
            EventLoop.current().callLater(ms(100), () -> p.complete("ok"));
            return S.start(r -> await(Asyncio.waitFor(p, ms(100))), this::logOutcome);
        });
        assertEquals(List.of("AsyncTimeoutException@100"), log);
        assertEquals("ok", f[0].result());
        assertFalse(f[0].isCancelled());
    }

    @Test
    void case38_aResultSetOneIterationEarlierWins() {
        S.run(() -> {
            Promise<String> p = new Promise<>();
            EventLoop.current().callSoon(() -> p.complete("ok"));
            return S.start(r -> await(Asyncio.waitFor(p, ms(200))), this::logOutcome);
        });
        assertEquals(List.of("result ok@0"), log);
    }

    @Test
    void case39_waitForAShieldTimesOutAndTheTaskRunsOn() {
        S.run(() -> {
            Task<String> c = after(100, "done", null);
            return S.start(r -> await(Asyncio.waitFor(Asyncio.shield(c), ms(10))), r -> {
                logOutcome(r);
                log.add("task cancelled=" + c.isCancelled());
                return await(c);
            }, this::logOutcome);
        });
        assertEquals(List.of("AsyncTimeoutException@10", "task cancelled=false", "result done@100"), log);
    }

    @Test
    void case39_zeroTimeoutCancelsTheShieldOnly() {
        S.run(() -> {
            Task<String> c = after(100, "done", null);
            Task<String> sh = Asyncio.shield(c);
            return S.start(r -> await(Asyncio.waitFor(sh, Duration.ZERO)), r -> {
                logOutcome(r);
                log.add("shield cancelled=" + sh.isCancelled() + " task cancelled=" + c.isCancelled());
                return await(c);
            }, this::logOutcome);
        });
        assertEquals(List.of("AsyncTimeoutException@0", "shield cancelled=true task cancelled=false", "result done@100"),
                log);
    }

    @Test
    void case39_aNullTimeoutIsAPlainAwait() {
        S.run(() -> {
            Task<String> c = after(100, "done", null);
            assertSame(c, Asyncio.waitFor(c, null));
            return S.start(r -> await(Asyncio.waitFor(c, null)), this::logOutcome);
        });
        assertEquals(List.of("result done@100"), log);
    }
}
