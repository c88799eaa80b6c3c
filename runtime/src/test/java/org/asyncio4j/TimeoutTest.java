package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.ms;
import static org.asyncio4j.S.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * asyncio-semantics.md section F: timeout() / timeoutAt() (cases 40-47). A block
 * {@code try (var cm = Asyncio.timeout(d)) { body }} is written as the processor emits it: the
 * resource is created (and entered), the body's awaits run, and the exit step awaits
 * {@code cm.closeAsync(pending)} and rethrows its failure, else the pending exception.
 */
class TimeoutTest {
    final List<String> log = new ArrayList<>();

    /** The exit of a try-with-resources block: closeAsync's failure wins, else pending propagates. */
    static void exit(AsyncCloseable cm, Throwable pending) throws Throwable {
        Task<Void> close = cm.closeAsync(pending);
        assertTrue(close.isDone(), "Timeout.closeAsync never suspends");
        Throwable e = close.exception();
        if (e != null) {
            throw e;
        }
        if (pending != null) {
            throw pending;
        }
    }

    /** Runs {@code exit}, logging what leaves the block. */
    Throwable exitAndLog(AsyncCloseable cm, Throwable pending) {
        try {
            exit(cm, pending);
            log.add("block ok@" + t());
            return null;
        } catch (Throwable e) {
            log.add(e.getClass().getSimpleName() + "@" + t());
            return e;
        }
    }

    @Test
    void case40_basicTimeout() {
        Timeout[] cm = new Timeout[1];
        Throwable[] out = new Throwable[1];
        Task<?> t = S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(10));
            return await(Asyncio.sleep(Duration.ofSeconds(10)));
        }, r -> {
            out[0] = exitAndLog(cm[0], r.error);
            return await(Asyncio.yieldNow());
        }, r -> {
            log.add("task runs on, cancelling=" + Task.current().cancelling());
            return done(Task.current());
        }));
        assertEquals(List.of("AsyncTimeoutException@10", "task runs on, cancelling=0"), log);
        assertTrue(cm[0].expired());
        assertInstanceOf(CancelledError.class, out[0].getCause());
        assertEquals("the timeout of 10 ms entered at 0.0 s of loop time in task " + t.name() + " expired at 0.01 s",
                out[0].getMessage(), "the message says which timeout fired, and when");
        assertEquals("<Timeout [expired]>", cm[0].toString());
        assertFalse(t.isCancelled());
    }

    @Test
    void case41_aTimeoutFiresOnlyAtASuspensionPoint() {
        S.run(() -> {
            Timeout cm = Asyncio.timeout(Duration.ZERO);
            int x = 1; // no await in the block
            exitAndLog(cm, null);
            log.add("expired=" + cm.expired() + " x=" + x);
            return Task.completed();
        });
        assertEquals(List.of("block ok@0", "expired=false x=1"), log);
    }

    @Test
    void case41_zeroAndPastTimeoutsAroundAYieldRaise() {
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofSeconds(-11)}) {
            Timeout[] cm = new Timeout[1];
            S.run(() -> S.start(r -> {
                cm[0] = Asyncio.timeout(d);
                return await(Asyncio.yieldNow());
            }, r -> {
                exitAndLog(cm[0], r.error);
                return done();
            }));
        }
        assertEquals(List.of("AsyncTimeoutException@0", "AsyncTimeoutException@0"), log);
    }

    @Test
    void case42_rescheduleMovesTheDeadline() {
        S.run(() -> {
            long d1 = S.now() + ms(100).toNanos();
            Timeout cm = Asyncio.timeoutAt(d1);
            assertEquals(d1, cm.when());
            long d2 = S.now() + ms(200).toNanos();
            cm.reschedule(d2);
            assertEquals(d2, cm.when());
            cm.reschedule(Timeout.NEVER);
            assertEquals(Timeout.NEVER, cm.when());
            return S.start(r -> await(S.sleep(1000)), r -> {
                exitAndLog(cm, r.error);
                return done();
            });
        });
        assertEquals(List.of("block ok@1000"), log);
    }

    @Test
    void case42_extendingTheDeadline() {
        Timeout[] cm = new Timeout[1];
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(100));
            EventLoop loop = EventLoop.current();
            loop.callLater(ms(50), () -> cm[0].reschedule(loop.time() + ms(200).toNanos()));
            return await(S.sleep(10_000));
        }, r -> {
            exitAndLog(cm[0], r.error);
            return done();
        }));
        assertEquals(List.of("AsyncTimeoutException@250"), log);
    }

    @Test
    void case42_reschedulingIntoThePastFiresOnTheNextIteration() {
        Timeout[] cm = new Timeout[1];
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(Duration.ofSeconds(10));
            return await(S.sleep(50));
        }, r -> {
            r.get();
            cm[0].reschedule(S.now() - 1);
            return await(S.sleep(10_000));
        }, r -> {
            exitAndLog(cm[0], r.error);
            return done();
        }));
        assertEquals(List.of("AsyncTimeoutException@50"), log);
    }

    @Test
    void case43_stateErrors() {
        S.run(() -> {
            // not entered
            Timeout created = Timeout.after(ms(10));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> created.reschedule(0));
            assertEquals("Timeout has not been entered", e.getMessage());
            // entering outside a task
            EventLoop.current().callSoon(() -> {
                IllegalStateException ex = assertThrows(IllegalStateException.class, () -> Asyncio.timeout(ms(10)));
                assertTrue(ex.getMessage().contains("task"), ex.getMessage());
                log.add("outside a task refused");
            });
            Timeout[] cm = new Timeout[1];
            return S.start(r -> {
                // entering twice, while active and after exit
                cm[0] = Asyncio.timeout(ms(10));
                assertEquals("Timeout has already been entered",
                        assertThrows(IllegalStateException.class, cm[0]::enter).getMessage());
                exit(cm[0], null);
                assertEquals("Cannot change state of finished Timeout",
                        assertThrows(IllegalStateException.class, () -> cm[0].reschedule(0)).getMessage());
                assertEquals("Timeout has already been entered",
                        assertThrows(IllegalStateException.class, cm[0]::enter).getMessage());
                // expiring: CancelledError caught inside the block
                cm[0] = Asyncio.timeout(ms(10));
                return await(S.sleep(1000));
            }, r -> {
                assertInstanceOf(CancelledError.class, r.error);
                assertEquals("Cannot change state of expiring Timeout",
                        assertThrows(IllegalStateException.class, () -> cm[0].reschedule(0)).getMessage());
                exitAndLog(cm[0], r.error);
                assertEquals("Cannot change state of expired Timeout",
                        assertThrows(IllegalStateException.class, () -> cm[0].reschedule(0)).getMessage());
                return done();
            });
        });
        assertEquals(List.of("outside a task refused", "AsyncTimeoutException@10"), log);
    }

    @Test
    void case44_nestedTimeoutsWithTheSameDeadline() {
        Timeout[] cm = new Timeout[2];
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(10));
            cm[1] = Asyncio.timeout(ms(10));
            return await(S.sleep(1000));
        }, r -> {
            Throwable inner = exitAndLog(cm[1], r.error);
            exitAndLog(cm[0], inner);
            return done();
        }));
        assertEquals(List.of("CancelledError@10", "AsyncTimeoutException@10"), log);
        assertTrue(cm[0].expired());
        assertTrue(cm[1].expired());
    }

    @Test
    void case44_anInnerTimeoutCanBeCaughtAndTheOuterExitsNormally() {
        Timeout[] cm = new Timeout[2];
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(Duration.ofSeconds(1));
            cm[1] = Asyncio.timeout(ms(50));
            return await(S.sleep(1000));
        }, r -> {
            exitAndLog(cm[1], r.error); // caught
            return await(S.sleep(50));
        }, r -> {
            exitAndLog(cm[0], r.error);
            return done();
        }));
        assertEquals(List.of("AsyncTimeoutException@50", "block ok@100"), log);
        assertFalse(cm[0].expired());
    }

    @Test
    void case44_aBusyLoopStillLetsTheOuterCutTheNextSleepShort() {
        VirtualClock clock = new VirtualClock();
        Timeout[] cm = new Timeout[2];
        Asyncio.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(100));
            cm[1] = Asyncio.timeout(ms(10));
            return await(S.sleep(10_000));
        }, r -> {
            exitAndLog(cm[1], r.error);
            clock.advanceTo(S.now() + ms(100).toNanos()); // time.sleep(0.1): blocks the loop
            return await(S.sleep(10_000));
        }, r -> {
            exitAndLog(cm[0], r.error);
            return done();
        }), clock);
        assertEquals(List.of("AsyncTimeoutException@10", "AsyncTimeoutException@110"), log);
    }

    @Test
    void case45_aCancelFromInsideIsNeverTurnedIntoATimeout() {
        Timeout[] cm = new Timeout[1];
        assertThrows(CancelledError.class, () -> S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(Duration.ofSeconds(10));
            Task.current().cancel();
            return await(S.sleep(1000));
        }, r -> {
            exit(cm[0], r.error);
            return done();
        })));
        assertFalse(cm[0].expired());
    }

    @Test
    void case45_anOutsideCancelInTheIterationOfTheExpiryWins() {
        Timeout[] cm = new Timeout[1];
        S.run(() -> {
            Task<Void> t = S.start(r -> {
                cm[0] = Asyncio.timeout(ms(50));
                return await(S.sleep(1000));
            }, r -> {
                exitAndLog(cm[0], r.error);
                return done();
            });
            EventLoop.current().callLater(ms(50), t::cancel);
            return S.start(r -> await(Asyncio.gatherSettled(List.of(t))), r -> done());
        });
        assertEquals(List.of("CancelledError@50"), log);
        assertTrue(cm[0].expired());
    }

    @Test
    void case45_aCancelInsideATimeoutInAFinallyAfterACancellation() {
        Timeout[] cm = new Timeout[1];
        S.run(() -> S.start(r -> {
            Task.current().cancel();
            return await(S.sleep(1000)); // work which will be cancelled
        }, r -> {
            assertInstanceOf(CancelledError.class, r.error); // except CancelledError: pass
            cm[0] = Asyncio.timeout(Duration.ofSeconds(1)); // finally: async with timeout(1.0)
            Task.current().cancel();
            return await(S.sleep(2000));
        }, r -> {
            exitAndLog(cm[0], r.error);
            return done();
        }));
        assertEquals(List.of("CancelledError@0"), log);
    }

    @Test
    void case46_theBaselineIsRecordedAtEntry() {
        Timeout[] cm = new Timeout[1];
        S.run(() -> S.start(r -> {
            Task.current().cancel();
            return await(S.sleep(1000));
        }, r -> {
            assertInstanceOf(CancelledError.class, r.error);
            assertEquals(1, Task.current().cancelling());
            cm[0] = Asyncio.timeout(Duration.ZERO);
            return await(S.sleep(1000));
        }, r -> {
            exitAndLog(cm[0], r.error);
            return done();
        }));
        assertEquals(List.of("AsyncTimeoutException@0"), log);
    }

    @Test
    void case47_anotherExceptionPassesThroughUnchanged() {
        Timeout[] cm = new Timeout[1];
        IllegalStateException key = new IllegalStateException("key");
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(10));
            return await(Asyncio.yieldNow());
        }, r -> {
            Throwable out = exitAndLog(cm[0], key);
            assertTrue(out == key);
            return done();
        }));
        assertEquals(List.of("IllegalStateException@0"), log);
        assertFalse(cm[0].expired());
        assertEquals(0, key.getSuppressed().length);
    }

    @Test
    void case47_aBlockTurningTheCancelIntoAnotherExceptionPropagatesIt() {
        Timeout[] cm = new Timeout[1];
        Throwable[] out = new Throwable[1];
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(10));
            return await(S.sleep(1000));
        }, r -> {
            IllegalArgumentException converted = new IllegalArgumentException("value", r.error);
            out[0] = exitAndLog(cm[0], converted);
            return done();
        }));
        assertEquals(List.of("IllegalArgumentException@10"), log);
        assertInstanceOf(AsyncTimeoutException.class, out[0].getSuppressed()[0]);
        assertInstanceOf(CancelledError.class, out[0].getCause());
    }

    @Test
    void case47_aBlockSwallowingTheCancelEndsNormallyButExpired() {
        Timeout[] cm = new Timeout[1];
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(10));
            return await(S.sleep(1000));
        }, r -> {
            assertInstanceOf(CancelledError.class, r.error); // swallowed
            exitAndLog(cm[0], null);
            log.add("cancelling=" + Task.current().cancelling());
            return done();
        }));
        assertEquals(List.of("block ok@10", "cancelling=0"), log);
        assertTrue(cm[0].expired());
    }

    @Test
    void case47_aTaskGroupFailingDuringCleanupInsideATimeoutRaisesTheGroup() {
        Timeout[] cm = new Timeout[1];
        TaskGroup[] g = new TaskGroup[1];
        Throwable[] pending = new Throwable[1];
        Throwable[] out = new Throwable[1];
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(10));
            g[0] = new TaskGroup();
            g[0].spawn(() -> S.start(r2 -> await(S.sleep(1000)), r2 -> {
                throw new ArithmeticException("crash in cleanup");
            }));
            return await(S.sleep(1000));
        }, r -> {
            pending[0] = r.error;
            return await(g[0].closeAsync(pending[0]));
        }, r -> {
            Throwable groupOut = r.error != null ? r.error : pending[0];
            out[0] = exitAndLog(cm[0], groupOut);
            return done();
        }));
        assertEquals(List.of("ExceptionGroup@10"), log);
        ExceptionGroup eg = (ExceptionGroup) out[0];
        assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
    }
}
