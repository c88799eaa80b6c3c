package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section A: event loop, scheduling, sleep(0) (cases 1-7). */
class SchedulingTest {
    final List<Object> log = new ArrayList<>();

    @Test
    void case01_callSoonIsFifoAndNestedCallbacksWaitForTheNextIteration() {
        List<Integer> iteration = new ArrayList<>();
        int[] iter = {0};
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callSoon(() -> {
                log.add("a");
                loop.callSoon(() -> log.add("x@" + iter[0]));
            });
            loop.callSoon(() -> log.add("b@" + iter[0]));
            loop.callSoon(() -> log.add("c"));
            // count iterations with a self-rescheduling callback queued after a, b, c
            loop.callSoon(new Runnable() {
                public void run() {
                    iter[0]++;
                    iteration.add(iter[0]);
                    if (iter[0] < 3) {
                        loop.callSoon(this);
                    }
                }
            });
            return S.start(r -> await(Asyncio.yieldNow()), r -> await(Asyncio.yieldNow()), r -> done());
        });
        assertEquals(List.of("a", "b@0", "c", "x@1"), log);
    }

    @Test
    void case02_dueTimersRunAfterTheCallbacksAlreadyReady() {
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callLater(Duration.ZERO, () -> log.add("T0"));
            loop.callSoon(() -> log.add("S"));
            return S.sleep(10);
        });
        assertEquals(List.of("S", "T0"), log);
    }

    @Test
    void case03a_negativeDelaysMeanNowInDeadlineOrder() {
        long[] at = new long[2];
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callLater(Duration.ofSeconds(-1), () -> {
                log.add("a");
                at[0] = loop.time();
            });
            loop.callLater(Duration.ofSeconds(-2), () -> {
                log.add("b");
                at[1] = loop.time();
            });
            return S.sleep(10);
        });
        assertEquals(List.of("b", "a"), log);
        assertEquals(0, at[0]);
        assertEquals(0, at[1]);
    }

    @Test
    void case03b_equalDeadlinesFireInSchedulingOrder() {
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            long when = loop.time() + 20_000_000;
            for (int i = 0; i < 12; i++) {
                int n = i;
                loop.callAt(when, () -> log.add(n + "@" + loop.time()));
            }
            return S.sleep(50);
        });
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add(i + "@20000000");
        }
        assertEquals(expected, log);
    }

    @Test
    void case04_sleepZeroYieldsOneIterationAndReturnsItsResult() {
        int[] counter = {0};
        Object[] got = new Object[3];
        S.run(() -> {
            EventLoop.current().callSoon(() -> counter[0]++);
            return S.start(r -> await(Asyncio.sleep(Duration.ZERO, 10)), r -> {
                got[0] = r.get();
                got[1] = counter[0];
                return await(Asyncio.sleep(Duration.ofSeconds(-5), "neg"));
            }, r -> {
                got[2] = r.get();
                return done();
            });
        });
        assertEquals(10, got[0]);
        assertEquals(1, got[1]);
        assertEquals("neg", got[2]);
    }

    Task<Void> interleaver(String name) {
        int[] i = {0};
        return S.start(r -> {
            log.add(name + i[0]);
            return await(Asyncio.yieldNow());
        }, r -> {
            r.get();
            return ++i[0] < 3 ? S.jump(Task.completed(), 0) : done();
        });
    }

    @Test
    void case04_twoTasksInterleaveOneStepPerIteration() {
        S.run(() -> Asyncio.gather(Asyncio.createTask(() -> interleaver("A")), Asyncio.createTask(() -> interleaver("B"))));
        assertEquals(List.of("A0", "B0", "A1", "B1", "A2", "B2"), log);
    }

    @Test
    void case05_createTaskIsLazyAndBodiesStartInCreationOrder() {
        S.run(() -> {
            Asyncio.createTask(() -> {
                log.add("start1");
                return Task.completed();
            });
            Asyncio.createTask(() -> {
                log.add("start2");
                return Task.completed();
            });
            log.add("after-create");
            return Asyncio.yieldNow();
        });
        assertEquals(List.of("after-create", "start1", "start2"), log);
    }

    @Test
    void case06_aTaskResumesOneIterationAfterWhatItAwaitsCompletes() {
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            int[] n = {0};
            Runnable[] ticker = new Runnable[1];
            ticker[0] = () -> {
                log.add("tick" + n[0]++);
                if (n[0] < 5) {
                    loop.callSoon(ticker[0]);
                }
            };
            loop.callSoon(ticker[0]);
            Task<Void> a = Asyncio.createTask(() -> S.start(r -> {
                Task<Void> b = S.start(r2 -> {
                    log.add("B start");
                    return await(Asyncio.yieldNow());
                }, r2 -> {
                    log.add("B returns");
                    return done();
                });
                log.add("A awaits B");
                return await(b);
            }, r -> {
                log.add("A resumed");
                return done();
            }));
            return S.start(r -> await(a), r -> await(S.sleep(1)), r -> done());
        });
        // tick0 runs before A's first step (both queued, ticker first); B starts eagerly inside A.
        assertEquals(List.of("tick0", "B start", "A awaits B", "tick1", "B returns", "tick2", "A resumed", "tick3",
                "tick4"), log);
    }

    @Test
    void case06_doneCallbacksAndWakeUpsNeverRunInline() {
        S.run(() -> {
            Promise<Integer> f = new Promise<>();
            f.complete(1);
            f.addDoneCallback(t -> log.add("cb"));
            log.add("after-add");
            Promise<Void> g = new Promise<>();
            Task<Void> waiter = Asyncio.createTask(() -> S.start(r -> await(g), r -> {
                log.add("woke");
                return done();
            }));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                g.complete(null);
                log.add("set");
                return await(Asyncio.yieldNow());
            }, r -> {
                log.add("tick1");
                return await(Asyncio.yieldNow());
            }, r -> {
                log.add("tick2");
                assertTrue(waiter.isDone());
                return done();
            });
        });
        assertEquals(List.of("after-add", "cb", "set", "woke", "tick1", "tick2"), log);
    }

    @Test
    void case07_aFailingCallbackIsReportedAndTheNextOneStillRuns() {
        List<ErrorReport> reports = new ArrayList<>();
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.setExceptionHandler(reports::add);
            loop.callSoon(() -> {
                log.add("boom");
                throw new ArithmeticException("/ by zero");
            });
            loop.callSoon(() -> log.add("next"));
            return S.sleep(1);
        });
        assertEquals(List.of("boom", "next"), log);
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).message().startsWith("Exception in callback"), reports.get(0).message());
        assertTrue(reports.get(0).exception() instanceof ArithmeticException);
    }

    @Test
    void case07_aCancelledTimerNeverFires() {
        TimerHandle[] h = new TimerHandle[1];
        S.run(() -> {
            h[0] = EventLoop.current().callLater(ms(10), () -> log.add("f"));
            h[0].cancel();
            return S.sleep(100);
        });
        assertEquals(List.of(), log);
        assertTrue(h[0].isCancelled());
    }

    @Test
    void case07_cancellingASleepingTaskCancelsTheSleepTimer() {
        Task<?>[] sleeper = new Task<?>[2];
        S.run(() -> S.start(r -> {
            sleeper[1] = Asyncio.sleep(Duration.ofSeconds(10));
            sleeper[0] = S.start(r2 -> await(sleeper[1]), r2 -> done(r2.get()));
            return await(Asyncio.yieldNow());
        }, r -> {
            sleeper[0].cancel();
            return await(Asyncio.yieldNow());
        }, r -> {
            assertEquals(0, S.now());
            return done();
        }));
        assertTrue(sleeper[0].isCancelled());
        assertTrue(sleeper[1].isCancelled());
    }

    Task<Void> child(int n) {
        return S.start(r -> {
            log.add(n + "-start");
            return await(Asyncio.yieldNow());
        }, r -> {
            log.add(n + "-resume");
            return done();
        });
    }

    @Test
    void sectionP_anAsyncCallRunsEagerlyUpToItsFirstSuspension() {
        S.run(() -> {
            log.add("before");
            Task<Void> t1 = child(1);
            Task<Void> t2 = child(2);
            log.add("after");
            return Asyncio.gather(t1, t2);
        });
        assertEquals(List.of("before", "1-start", "2-start", "after", "1-resume", "2-resume"), log);
    }

    @Test
    void sectionP_createTaskStaysLazy() {
        S.run(() -> {
            log.add("before");
            Task<Void> t1 = Asyncio.createTask(() -> child(1));
            Task<Void> t2 = Asyncio.createTask(() -> child(2));
            log.add("after");
            return Asyncio.gather(t1, t2);
        });
        assertEquals(List.of("before", "after", "1-start", "2-start", "1-resume", "2-resume"), log);
    }

    /** Recurses eagerly {@code n} levels without ever suspending; records which levels were done at once. */
    Task<Integer> recurse(int n, List<Integer> pendingAtReturn) {
        return S.start(r -> {
            if (n == 0) {
                return done(0);
            }
            Task<Integer> inner = recurse(n - 1, pendingAtReturn);
            if (!inner.isDone()) {
                pendingAtReturn.add(n - 1);
            }
            return await(inner);
        }, r -> done(r.<Integer>get() + 1));
    }

    @Test
    void eagerStartsNestAtMost200DeepThenQueue() {
        List<Integer> pending = new ArrayList<>();
        int r = S.run(() -> S.start(x -> await(recurse(250, pending)), x -> done(x.get())));
        assertEquals(250, r);
        // Main's eager body is depth 1, level k's start finds 1 + (250 - k) starts on the stack:
        // level 51 finds 200 (MAX_EAGER_DEPTH) and is queued, so it comes back pending, and every
        // level above it has to wait for it: 51..249 are the inner levels that came back pending.
        assertEquals(200, EventLoop.MAX_EAGER_DEPTH);
        List<Integer> expected = new ArrayList<>();
        for (int k = 51; k < 250; k++) {
            expected.add(k);
        }
        assertEquals(expected, pending);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void nullDurationsAreRejectedWithAClearMessage() {
        S.run(() -> {
            NullPointerException e1 = assertThrows(NullPointerException.class, () -> Asyncio.sleep(null));
            assertTrue(e1.getMessage().contains("must not be null"), e1.getMessage());
            NullPointerException e2 = assertThrows(NullPointerException.class,
                    () -> EventLoop.current().callLater(null, () -> {}));
            assertTrue(e2.getMessage().contains("must not be null"), e2.getMessage());
            NullPointerException e3 = assertThrows(NullPointerException.class,
                    () -> Asyncio.asCompleted(List.of(Task.completed(1)), null));
            assertTrue(e3.getMessage().contains("must not be null"), e3.getMessage());
            return Task.completed();
        });
    }

    @Test
    void negativeSleepIsAYieldAndNegativeCallLaterIsDueNow() {
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callLater(Duration.ofDays(-3), () -> log.add("late-now@" + loop.time()));
            loop.callSoon(() -> log.add("soon"));
            return S.start(r -> await(Asyncio.sleep(Duration.ofMillis(-1))), r -> {
                log.add("slept@" + S.now());
                return done();
            });
        });
        // the yield resumes the task with the ready callbacks; the due timer is appended after them
        assertEquals(List.of("soon", "slept@0", "late-now@0"), log);
    }

    @Test
    void promiseCompletedTwiceReturnsFalse() {
        S.run(() -> {
            Promise<String> p = new Promise<>();
            assertTrue(p.complete("a"));
            assertFalse(p.complete("b"));
            assertFalse(p.fail(new RuntimeException()));
            assertFalse(p.cancel());
            assertEquals("a", p.result());
            return Task.completed();
        });
    }

    @Test
    void taskCurrentInsideAnEagerBodyIsThatTask() {
        Task<?>[] seen = new Task<?>[1];
        Task<?> t = S.run(() -> {
            Task<Void> child = S.start(r -> {
                seen[0] = Task.current();
                return done();
            });
            assertTrue(child.isDone(), "a body that never suspends returns a done task");
            assertFalse(child.cancel());
            return Task.completed(child);
        });
        assertSame(t, seen[0]);
    }

    @Test
    void aDayOfVirtualTimePassesInOneJump() {
        long[] at = new long[1];
        Asyncio.run(() -> S.start(r -> await(Asyncio.sleep(Duration.ofDays(1))), r -> {
            at[0] = S.now();
            return done();
        }), new VirtualClock());
        assertEquals(Duration.ofDays(1).toNanos(), at[0]);
    }
}
