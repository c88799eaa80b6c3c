package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.ms;
import static org.asyncio4j.S.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section B: tasks and cancellation (cases 8-17). */
class CancellationTest {
    final List<String> log = new ArrayList<>();

    @Test
    void case08_cancelBeforeTheFirstStep() {
        Task<?>[] t = new Task<?>[1];
        CancelledError e = assertThrows(CancelledError.class, () -> S.run(() -> {
            t[0] = Asyncio.createTask(() -> {
                log.add("body ran");
                return Task.completed();
            });
            assertTrue(t[0].cancel("msg1"));
            return S.start(r -> await(t[0]), r -> done(r.get()));
        }));
        assertEquals("msg1", e.getMessage());
        assertEquals(List.of(), log);
        assertTrue(t[0].isCancelled());
    }

    @Test
    void case09_cancelASleepingTask() {
        Task<?>[] sleeper = new Task<?>[1];
        S.run(() -> {
            sleeper[0] = Asyncio.createTask(() -> S.start(r -> await(Asyncio.sleep(Duration.ofSeconds(5000)))
                    , r -> {
                        try {
                            return done(r.get());
                        } finally {
                            log.add("finally@" + t());
                        }
                    }));
            EventLoop.current().callLater(ms(100), () -> sleeper[0].cancel());
            return S.start(r -> await(sleeper[0]), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("CancelledError@" + t());
                }
                return done();
            });
        });
        assertEquals(List.of("finally@100", "CancelledError@100"), log);
        assertTrue(sleeper[0].isCancelled());
        assertFalse(sleeper[0].cancel());
    }

    @Test
    void case10_aTaskMayCatchTheCancellationAndReturn() {
        Promise<?>[] fut2 = new Promise<?>[1];
        Task<?> t = S.run(() -> {
            fut2[0] = new Promise<Void>();
            Task<Integer> task = S.start(r -> await(fut2[0]), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    return done(42);
                }
                return done(0);
            });
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                task.cancel();
                return await(task);
            }, r -> done(task));
        });
        assertEquals(42, t.result());
        assertFalse(t.isCancelled());
        assertTrue(fut2[0].isCancelled());
        assertEquals(1, t.cancelling(), "cancelling() is not reset when the task completes");
    }

    @Test
    void case10_aTaskIgnoringTheCancelAwaitsTheNextFutureUndisturbed() {
        Promise<?>[] futs = new Promise<?>[2];
        int r = S.run(() -> {
            futs[0] = new Promise<Void>();
            Promise<Integer> second = new Promise<>();
            futs[1] = second;
            Task<Integer> task = S.start(r1 -> await(futs[0]), r1 -> {
                try {
                    r1.get();
                } catch (CancelledError e) {
                    log.add("swallowed");
                }
                return await(second);
            }, r1 -> done(r1.get()));
            return S.start(r1 -> await(Asyncio.yieldNow()), r1 -> {
                task.cancel();
                EventLoop.current().callLater(ms(10), () -> second.complete(42));
                return await(task);
            }, r1 -> done(r1.get()));
        });
        assertEquals(42, r);
        assertFalse(futs[1].isCancelled());
        assertEquals(List.of("swallowed"), log);
    }

    @Test
    void case11_cancellationIsEdgeTriggered() {
        assertThrows(CancelledError.class, () -> S.run(() -> {
            Task<Void> t = Asyncio.createTask(() -> S.start(r -> await(Asyncio.yieldNow()), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("cancelled once@" + t());
                }
                return await(S.sleep(10));
            }, r -> {
                r.get();
                log.add("slept@" + t());
                return done();
            }));
            assertTrue(t.cancel());
            assertTrue(t.cancel());
            assertEquals(2, t.cancelling());
            return S.start(r -> await(t), r -> done(r.get()));
        }));
        // cancelled before its first step: the body never runs at all
        assertEquals(List.of(), log);
        S.run(() -> {
            Task<Void> t = S.start(r -> await(Asyncio.yieldNow()), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("cancelled once@" + t());
                }
                return await(S.sleep(10));
            }, r -> {
                r.get();
                log.add("slept@" + t());
                return done();
            });
            assertTrue(t.cancel());
            assertTrue(t.cancel());
            assertEquals(2, t.cancelling());
            return S.start(r -> await(t), r -> done(r.get()));
        });
        assertEquals(List.of("cancelled once@0", "slept@10"), log);
    }

    @Test
    void case12a_selfCancelThenReturnEndsCancelled() {
        Task<?>[] t = new Task<?>[1];
        S.run(() -> {
            t[0] = Asyncio.createTask(() -> S.start(r -> {
                Task.current().cancel();
                return done(12);
            }));
            return S.start(r -> await(Asyncio.gatherSettled(List.of(t[0]))), r -> done(r.get()));
        });
        assertTrue(t[0].isCancelled());
    }

    @Test
    void case12b_selfCancelThenSleepRaisesAtOnce() {
        S.run(() -> S.start(r -> {
            Task.current().cancel();
            return await(S.sleep(100_000));
        }, r -> {
            try {
                r.get();
            } catch (CancelledError e) {
                log.add("CancelledError@" + t());
            }
            return done();
        }));
        assertEquals(List.of("CancelledError@0"), log);
    }

    @Test
    void case12c_selfCancelDoesNotRaiseOnADoneAwaitButOnTheNextSuspension() {
        S.run(() -> S.start(r -> {
            Task.current().cancel();
            return await(Task.completed("x"));
        }, r -> {
            log.add("got " + r.get());
            return await(Asyncio.yieldNow());
        }, r -> {
            try {
                r.get();
            } catch (CancelledError e) {
                log.add("CancelledError");
            }
            return done();
        }));
        assertEquals(List.of("got x", "CancelledError"), log);
    }

    @Test
    void case13_cancellationPropagatesDownTheAwaitChain() {
        Promise<?>[] waiter = new Promise<?>[1];
        int[] proof = {1};
        S.run(() -> {
            waiter[0] = new Promise<Void>();
            Task<Void> outer = Asyncio.createTask(() -> S.start(r -> {
                Task<Void> inner = S.start(r2 -> await(waiter[0]), r2 -> {
                    proof[0] += 10;
                    r2.get();
                    proof[0] += 1000;
                    return done();
                });
                return await(inner);
            }, r -> {
                proof[0] += 90;
                r.get();
                proof[0] += 1000;
                return done();
            }));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                assertTrue(outer.cancel());
                return await(Asyncio.gatherSettled(List.of(outer)));
            }, r -> done(r.get()));
        });
        assertEquals(101, proof[0]);
        assertTrue(waiter[0].isCancelled());
    }

    @Test
    void case13_anAwaitedTaskIsCancelledEvenWhenTheCancelCameWhileTheOuterRan() {
        Task<?>[] nested = new Task<?>[1];
        Promise<?>[] fut = new Promise<?>[1];
        Task<?>[] outer = new Task<?>[1];
        S.run(() -> {
            fut[0] = new Promise<Void>();
            outer[0] = S.start(r -> {
                nested[0] = Asyncio.createTask(() -> S.start(r2 -> await(fut[0]), r2 -> done(r2.get())));
                return await(Asyncio.yieldNow()); // let the nested task start and block
            }, r -> {
                Task.current().cancel(); // requested while running: delivered at the next await
                return await(nested[0]);
            }, r -> done(r.get()));
            return S.start(r -> await(Asyncio.gatherSettled(List.of(outer[0]))), r -> done());
        });
        assertTrue(outer[0].isCancelled());
        assertTrue(nested[0].isCancelled());
        assertTrue(fut[0].isCancelled());
    }

    @Test
    void case13_cancellingTheAwaitedFutureLeavesTheAwaitingTaskCancelled() {
        Task<?> t = S.run(() -> {
            Promise<Void> f = new Promise<>();
            Task<Void> waiter = S.start(r -> await(f), r -> done(r.get()));
            f.cancel();
            return S.start(r -> await(Asyncio.gatherSettled(List.of(waiter))), r -> done(waiter));
        });
        assertTrue(t.isCancelled());
    }

    @Test
    void case14_uncancelInsideTheHandlerLetsTheTaskRunOn() {
        Task<?> t = S.run(() -> {
            Task<String> task = S.start(r -> await(S.sleep(1000)), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("uncancel=" + Task.current().uncancel());
                }
                return await(S.sleep(10));
            }, r -> {
                r.get();
                log.add("slept@" + t() + " cancelling=" + Task.current().cancelling());
                return done("ok");
            });
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                task.cancel();
                return await(task);
            }, r -> {
                log.add("result " + r.get());
                return done(task);
            });
        });
        assertEquals(List.of("uncancel=0", "slept@10 cancelling=0", "result ok"), log);
        assertEquals(0, t.cancelling());
        assertEquals(0, t.uncancel(), "uncancel on a done task changes nothing");
    }

    @Test
    void case14_cancelThenUncancelBeforeTheStepClearsThePendingCancel() {
        int r = S.run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> S.start(r1 -> await(Asyncio.yieldNow()), r1 -> {
                r1.get();
                return done(42);
            }));
            t.cancel();
            assertEquals(0, t.uncancel());
            return t;
        });
        assertEquals(42, r);
    }

    @Test
    void case15_structuredBlockConvertsItsOwnCancelOnly() {
        // The rule, followed by Timeout: the outer code continues, timed_out, cancelling back to 0.
        boolean[] timedOut = {false};
        int[] cancelling = {-1};
        Timeout[] cm = new Timeout[1];
        S.run(() -> S.start(r -> {
            cm[0] = Asyncio.timeout(ms(10));
            return await(S.sleep(1000));
        }, r -> {
            Throwable pending = r.error;
            Throwable exit = cm[0].closeAsync(pending).exception();
            if (exit instanceof AsyncTimeoutException) {
                timedOut[0] = true;
            }
            cancelling[0] = Task.current().cancelling();
            return done();
        }));
        assertTrue(timedOut[0]);
        assertEquals(0, cancelling[0]);
    }

    @Test
    void case16_unretrievedFailureIsReportedAtLoopClose() {
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).exceptionHandler(reports::add).build();
        loop.runUntilComplete(() -> {
            Asyncio.createTask(() -> Task.failed(new IllegalArgumentException("never looked at")));
            Asyncio.createTask(() -> S.start(r -> {
                throw new IllegalStateException("also never looked at");
            }), "named");
            return S.sleep(1);
        });
        assertEquals(List.of(), reports, "nothing is reported while the tasks may still be inspected");
        loop.close();
        assertEquals(2, reports.size(), reports.toString());
        assertEquals("Task exception was never retrieved", reports.get(0).message());
        assertInstanceOf(IllegalArgumentException.class, reports.get(0).exception());
        assertEquals("Task exception was never retrieved", reports.get(1).message());
        assertInstanceOf(IllegalStateException.class, reports.get(1).exception());
        assertEquals("named", reports.get(1).taskName());
    }

    @Test
    void case16_exceptionOrCancelOnTheFailedTaskSuppressesTheReport() {
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).exceptionHandler(reports::add).build();
        loop.runUntilComplete(() -> {
            Task<Void> a = S.start(r -> {
                throw new IllegalStateException("a");
            });
            Task<Void> b = S.start(r -> {
                throw new IllegalStateException("b");
            });
            Task<Void> c = S.start(r -> {
                throw new IllegalStateException("c");
            });
            assertEquals("a", a.exception().getMessage());
            assertFalse(b.cancel());
            return S.start(r -> await(Asyncio.wait(List.of(c), ReturnWhen.ALL_COMPLETED, null)), r -> done(r.get()));
        });
        loop.close();
        // asyncio.wait does not mark failures retrieved: c is still reported
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("c", reports.get(0).exception().getMessage());
    }

    @Test
    void case16_unretrievedFailureIsReportedWhenTheTaskIsCollected() throws Exception {
        List<ErrorReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).exceptionHandler(reports::add).build();
        loop.runUntilComplete(() -> {
            S.start(r -> {
                throw new IllegalStateException("dropped");
            });
            return Task.completed();
        });
        // The Cleaner reports once the task is unreachable; bounded wait for the collector.
        for (int i = 0; i < 200 && reports.isEmpty(); i++) {
            System.gc();
            Thread.onSpinWait();
            synchronized (this) {
                wait(10);
            }
        }
        assertEquals(1, reports.size(), "reported at collection, before the loop closes");
        assertEquals("dropped", reports.get(0).exception().getMessage());
        loop.close();
        assertEquals(1, reports.size(), "not reported twice");
    }

    @Test
    void case16b_pendingTasksDroppedByCloseAreReported() {
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).exceptionHandler(reports::add).build();
        loop.runUntilComplete(() -> {
            Asyncio.createTask(() -> S.sleep(10_000), "forgotten");
            return S.sleep(1);
        });
        loop.close();
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Task was destroyed but it is pending!", reports.get(0).message());
        assertEquals("forgotten", reports.get(0).taskName());
    }

    @Test
    void case17_cancelledErrorIsNotAnException() {
        assertFalse(Exception.class.isAssignableFrom(CancelledError.class));
        assertTrue(Error.class.isAssignableFrom(CancelledError.class));
        S.run(() -> S.start(r -> {
            Task.current().cancel();
            return await(Asyncio.yieldNow());
        }, r -> {
            try {
                try {
                    r.get();
                } catch (Exception e) {
                    log.add("caught as Exception (wrong)");
                }
            } catch (CancelledError e) {
                log.add("passed catch (Exception)");
            }
            return done();
        }));
        assertEquals(List.of("passed catch (Exception)"), log);
    }

    /** {@code try { Await.on(Task.current()); } catch (IllegalStateException e) { log("refused"); }} */
    final class AwaitsItself extends Coroutine<Void> {
        @Override
        protected void resume() {
            switch (state) {
                case 0:
                    try {
                        if (await(Task.current(), 1)) return;
                        awaited();
                    } catch (IllegalStateException e) {
                        log.add(e.getMessage().startsWith("Task cannot await on itself") ? "refused" : e.getMessage());
                    }
                    returnValue(null);
                    return;
                default:
                    throw new IllegalStateException("state " + state);
            }
        }
    }

    @Test
    void case17_aTaskAwaitingItselfGetsAnErrorInside() {
        S.run(() -> new AwaitsItself().start());
        assertEquals(List.of("refused"), log);
    }

    @Test
    void cancelMessageTravelsWithTheCancelledError() {
        CancelledError e = assertThrows(CancelledError.class, () -> S.run(() -> {
            Task<Void> t = S.start(r -> await(S.sleep(100)), r -> done(r.get()));
            EventLoop.current().callLater(ms(1), () -> t.cancel("stop now"));
            return t;
        }));
        assertEquals("stop now", e.getMessage());
        assertNull(new CancelledError().getMessage());
    }
}
