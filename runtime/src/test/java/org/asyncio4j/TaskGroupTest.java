package org.asyncio4j;

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
import org.junit.jupiter.api.Test;

/**
 * asyncio-semantics.md section H: TaskGroup, 3.13 semantics (cases 51-60, eager children per
 * section P). A block {@code try (var g = new TaskGroup()) { body }} is written as the processor
 * emits it: the body's last await is followed by a step that records the exception leaving the
 * body ({@code pending}) and awaits {@code g.closeAsync(pending)}; the step after that rethrows the
 * exit's failure, else {@code pending}.
 */
class TaskGroupTest {
    final List<String> log = new ArrayList<>();

    /** Child: sleeps, logs "ok{n} done t" (or "ok{n} cancelled t" and rethrows), returns n. */
    Task<Object> ok(Object n, long ms) {
        return S.start(r -> await(S.sleep(ms)), r -> {
            try {
                r.get();
            } catch (CancelledError e) {
                log.add("ok" + n + " cancelled " + t());
                throw e;
            }
            log.add("ok" + n + " done " + t());
            return done(n);
        });
    }

    /** Child: sleeps, then fails with {@code e}, logging "bad raises t". */
    Task<Object> bad(long ms, RuntimeException e) {
        return S.start(r -> await(S.sleep(ms)), r -> {
            r.get();
            log.add("bad raises " + t());
            throw e;
        });
    }

    /** The body's await outcome: log a cancellation of the body and pass it on as pending. */
    Throwable bodyOutcome(S.R r) {
        if (r.error instanceof CancelledError) {
            log.add("body cancelled " + t());
        }
        return r.error;
    }

    /** After awaiting closeAsync: its failure wins, else the pending exception, else normal exit. */
    static Object rethrow(S.R exit, Throwable pending) throws Throwable {
        exit.get();
        if (pending != null) {
            throw pending;
        }
        return null;
    }

    @Test
    void case51_exitWaitsForEveryChildIncludingLateOnes() {
        Task<?>[] ts = new Task<?>[3];
        long[] exitAt = new long[1];
        S.run(() -> {
            TaskGroup[] g = new TaskGroup[1];
            return S.start(r -> {
                g[0] = new TaskGroup();
                ts[0] = g[0].spawn(() -> ok(42, 100));
                return await(S.sleep(150));
            }, r -> {
                r.get();
                ts[1] = g[0].spawn(() -> ok(11, 50)); // started late: ends at 200
                ts[2] = g[0].spawn(() -> ok(7, 100)); // ends at 250
                return await(g[0].closeAsync(null));
            }, r -> {
                rethrow(r, null);
                exitAt[0] = S.now();
                return done();
            });
        });
        assertEquals(250_000_000L, exitAt[0]);
        assertEquals(42, ts[0].result());
        assertEquals(11, ts[1].result());
        assertEquals(List.of("ok42 done 100", "ok11 done 200", "ok7 done 250"), log);
    }

    @Test
    void case51_allSucceed() {
        List<Task<Object>> ts = new ArrayList<>();
        long[] exitAt = new long[1];
        S.run(() -> {
            TaskGroup g = new TaskGroup();
            ts.add(g.spawn(() -> ok(0, 200)));
            ts.add(g.spawn(() -> ok(1, 100)));
            ts.add(g.spawn(() -> ok(2, 300)));
            return S.start(r -> await(g.closeAsync(null)), r -> {
                rethrow(r, null);
                exitAt[0] = S.now();
                return done();
            });
        });
        assertEquals(300_000_000L, exitAt[0]);
        assertEquals(List.of(0, 1, 2), ts.stream().map(Task::result).toList());
    }

    @Test
    void case52_theFirstFailureCancelsTheSiblingsAndTheBody() {
        Task<?>[] t1 = new Task<?>[1];
        Task<?>[] t2 = new Task<?>[1];
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Throwable[] pending = new Throwable[1];
        TaskGroup[] g = new TaskGroup[1];
        S.run(() -> S.start(r -> {
            g[0] = new TaskGroup();
            t1[0] = g[0].spawn(() -> ok(1, 50));
            t2[0] = g[0].spawn(() -> ok(2, 300));
            g[0].spawn(() -> bad(100, boom));
            return await(S.sleep(1000));
        }, r -> {
            pending[0] = bodyOutcome(r);
            return await(g[0].closeAsync(pending[0]));
        }, r -> {
            try {
                rethrow(r, pending[0]);
                log.add("after with (not reached)");
            } catch (ExceptionGroup eg) {
                log.add("EG " + eg.exceptions() + " cancelling=" + Task.current().cancelling());
                assertSame(boom, eg.exceptions().get(0));
                assertTrue(eg.getMessage().startsWith("unhandled errors in a TaskGroup"), eg.getMessage());
            }
            return done();
        }));
        assertEquals(List.of("ok1 done 50", "bad raises 100", "ok2 cancelled 100", "body cancelled 100",
                "EG [java.lang.IllegalArgumentException: boom] cancelling=0"), log);
        assertEquals(1, t1[0].result());
        assertTrue(t2[0].isCancelled());
    }

    @Test
    void case53_failuresInTheSameIterationAreCollectedInOrder() {
        List<String> msgs = new ArrayList<>();
        S.run(() -> {
            TaskGroup g = new TaskGroup();
            g.spawn(() -> bad(50, new IllegalArgumentException("a")));
            g.spawn(() -> bad(50, new IllegalArgumentException("b")));
            return S.start(r -> await(g.closeAsync(null)), r -> {
                try {
                    rethrow(r, null);
                } catch (ExceptionGroup eg) {
                    eg.exceptions().forEach(e -> msgs.add(e.getMessage()));
                }
                return done();
            });
        });
        assertEquals(List.of("a", "b"), msgs);
    }

    @Test
    void case53_theBodysOwnErrorComesLast() {
        class MyExc extends RuntimeException {}
        Throwable[] pending = new Throwable[1];
        List<Class<?>> types = new ArrayList<>();
        TaskGroup[] g = new TaskGroup[1];
        S.run(() -> S.start(r -> {
            g[0] = new TaskGroup();
            g[0].spawn(() -> bad(100, new ArithmeticException("/ by zero")));
            return await(S.sleep(10_000));
        }, r -> {
            pending[0] = new MyExc(); // finally: raise MyExc, while being cancelled
            return await(g[0].closeAsync(pending[0]));
        }, r -> {
            try {
                rethrow(r, pending[0]);
            } catch (ExceptionGroup eg) {
                eg.exceptions().forEach(e -> types.add(e.getClass()));
            }
            return done();
        }));
        assertEquals(List.of(ArithmeticException.class, MyExc.class), types);
    }

    @Test
    void case53_theBodyRaisingAtOnceCancelsTheChildren() {
        Task<?>[] t1 = new Task<?>[1];
        List<Class<?>> types = new ArrayList<>();
        S.run(() -> S.start(r -> {
            TaskGroup g = new TaskGroup();
            t1[0] = g.spawn(() -> ok(1, 1000));
            ArithmeticException body = new ArithmeticException("/ by zero");
            return S.jump(g.closeAsync(body), 1); // exit step; pending kept below
        }, r -> {
            try {
                r.get();
            } catch (ExceptionGroup eg) {
                eg.exceptions().forEach(e -> types.add(e.getClass()));
            }
            return done();
        }));
        assertEquals(List.of(ArithmeticException.class), types);
        assertTrue(t1[0].isCancelled());
        assertEquals(List.of("ok1 cancelled 0"), log, "eager: the child had started");
    }

    @Test
    void case54_cancellingOneChildYourselfDoesNotAbortTheGroup() {
        Task<?>[] ts = new Task<?>[2];
        S.run(() -> {
            TaskGroup[] g = new TaskGroup[1];
            return S.start(r -> {
                g[0] = new TaskGroup();
                ts[0] = g[0].spawn(() -> ok(1, 1000));
                ts[1] = g[0].spawn(() -> ok(11, 50));
                return await(Asyncio.yieldNow());
            }, r -> {
                ts[0].cancel();
                return await(g[0].closeAsync(null));
            }, r -> done(rethrow(r, null)));
        });
        assertTrue(ts[0].isCancelled());
        assertEquals(11, ts[1].result());
    }

    /** runner(): a group of {@code n} children sleeping 1 s, the body sleeping 1 s; counts its cancels. */
    Task<Void> runner(int n, int[] num) {
        TaskGroup[] g = new TaskGroup[1];
        Throwable[] pending = new Throwable[1];
        return S.start(r -> {
            g[0] = new TaskGroup();
            for (int i = 0; i < n; i++) {
                int k = i;
                g[0].spawn(() -> S.start(r2 -> await(S.sleep(1000)), r2 -> {
                    try {
                        r2.get();
                    } catch (CancelledError e) {
                        num[0]++;
                        log.add("ok" + k + " cancelled " + t());
                        throw e;
                    }
                    return done();
                }));
            }
            return await(S.sleep(1000));
        }, r -> {
            if (r.error instanceof CancelledError) {
                num[0] += 10;
            }
            pending[0] = r.error;
            return await(g[0].closeAsync(pending[0]));
        }, r -> done(rethrow(r, pending[0])));
    }

    @Test
    void case55_anOutsideCancelCancelsEveryChildInCreationOrderAndRaisesCancelledError() {
        int[] num = {0};
        Task<?>[] r = new Task<?>[1];
        S.run(() -> {
            r[0] = Asyncio.createTask(() -> runner(5, num));
            return S.start(x -> await(S.sleep(50)), x -> {
                r[0].cancel();
                return await(Asyncio.gatherSettled(List.of(r[0])));
            }, x -> done());
        });
        assertEquals(15, num[0], "5 children and the body");
        assertTrue(r[0].isCancelled());
        assertEquals(List.of("ok0 cancelled 50", "ok1 cancelled 50", "ok2 cancelled 50", "ok3 cancelled 50",
                "ok4 cancelled 50"), log);
    }

    @Test
    void case56_aChildFailingDuringCleanupAfterAnOutsideCancelWins() {
        Task<?>[] r = new Task<?>[1];
        S.run(() -> {
            TaskGroup[] g = new TaskGroup[1];
            Throwable[] pending = new Throwable[1];
            r[0] = Asyncio.createTask(() -> S.start(x -> {
                g[0] = new TaskGroup();
                g[0].spawn(() -> S.start(y -> await(S.sleep(1000)), y -> {
                    throw new ArithmeticException("in finally");
                }));
                return await(S.sleep(1000));
            }, x -> {
                pending[0] = x.error;
                return await(g[0].closeAsync(pending[0]));
            }, x -> done(rethrow(x, pending[0]))));
            return S.start(x -> await(S.sleep(50)), x -> {
                r[0].cancel();
                return await(Asyncio.gatherSettled(List.of(r[0])));
            }, x -> done());
        });
        ExceptionGroup eg = (ExceptionGroup) r[0].exception();
        assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
        assertEquals(1, eg.exceptions().size());
    }

    @Test
    void case56_theBodyCatchesTheCancelAndAChildCrashesLater() {
        // test_taskgroup_15: the body catches the outside cancel and sleeps 0.5; a child crashes at 0.3.
        Task<?>[] r = new Task<?>[1];
        S.run(() -> {
            TaskGroup[] g = new TaskGroup[1];
            Throwable[] pending = new Throwable[1];
            r[0] = Asyncio.createTask(() -> S.start(x -> {
                g[0] = new TaskGroup();
                g[0].spawn(() -> S.start(y -> await(S.sleep(300)), y -> {
                    throw new ArithmeticException("crash");
                }));
                return await(S.sleep(10_000));
            }, x -> {
                assertInstanceOf(CancelledError.class, x.error);
                return await(S.sleep(500));
            }, x -> {
                pending[0] = x.error;
                return await(g[0].closeAsync(pending[0]));
            }, x -> done(rethrow(x, pending[0]))));
            return S.start(x -> await(S.sleep(100)), x -> {
                r[0].cancel();
                return await(Asyncio.gatherSettled(List.of(r[0])));
            }, x -> done());
        });
        ExceptionGroup eg = (ExceptionGroup) r[0].exception();
        assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
    }

    @Test
    void case56_errorAndOutsideCancel_theGroupRaisesAndTheNextAwaitIsCancelled() {
        Task<?>[] t = new Task<?>[1];
        S.run(() -> {
            Promise<Void> event = new Promise<>();
            TaskGroup[] g = new TaskGroup[1];
            Throwable[] pending = new Throwable[1];
            t[0] = Asyncio.createTask(() -> S.start(x -> {
                g[0] = new TaskGroup();
                g[0].spawn(() -> S.start(y -> {
                    event.complete(null);
                    return await(Asyncio.yieldNow());
                }, y -> {
                    throw new IllegalStateException("runtime error");
                }));
                return await(S.sleep(1000));
            }, x -> {
                pending[0] = x.error;
                return await(g[0].closeAsync(pending[0]));
            }, x -> {
                try {
                    rethrow(x, pending[0]);
                } catch (ExceptionGroup eg) {
                    log.add("caught EG, cancelling=" + Task.current().cancelling());
                }
                return await(S.sleep(1000));
            }, x -> {
                try {
                    x.get();
                    log.add("sleep after group completed");
                } catch (CancelledError e) {
                    log.add("sleep after group cancelled");
                    throw e;
                }
                return done();
            }));
            return S.start(x -> await(event), x -> {
                t[0].cancel();
                return await(Asyncio.gatherSettled(List.of(t[0])));
            }, x -> done());
        });
        assertEquals(List.of("caught EG, cancelling=1", "sleep after group cancelled"), log);
        assertTrue(t[0].isCancelled());
    }

    @Test
    void case57_exitWaitsForSlowCleanups() {
        long[] at = new long[1];
        S.run(() -> {
            TaskGroup g = new TaskGroup();
            g.spawn(() -> S.start(r -> await(S.sleep(10_000)), r -> {
                assertInstanceOf(CancelledError.class, r.error);
                return await(S.sleep(200)); // cleanup in except CancelledError
            }, r -> {
                throw new CancelledError();
            }));
            g.spawn(() -> bad(10, new ArithmeticException()));
            return S.start(r -> await(g.closeAsync(null)), r -> {
                assertThrows(ExceptionGroup.class, r::get);
                at[0] = S.now();
                return done();
            });
        });
        assertEquals(210_000_000L, at[0]);
    }

    /** Child: sleeps {@code ms}, then throws IllegalArgumentException(ms). */
    static Task<Object> crashAfter(long ms) {
        return S.failAfter(ms, new IllegalArgumentException(Long.toString(ms)));
    }

    @Test
    void case58_nestedGroups() {
        String[] out = new String[2];
        for (int variant = 0; variant < 2; variant++) {
            long outerCrash = variant == 0 ? 10_000 : 100;
            long innerCrash = variant == 0 ? 100 : 10_000;
            int v = variant;
            TaskGroup[] g = new TaskGroup[2];
            Throwable[] pending = new Throwable[2];
            S.run(() -> S.start(r -> {
                g[0] = new TaskGroup();
                g[0].spawn(() -> crashAfter(outerCrash));
                g[1] = new TaskGroup();
                g[1].spawn(() -> crashAfter(innerCrash));
                return await(g[1].closeAsync(null));
            }, r -> {
                pending[1] = r.error; // what leaves the inner block
                return await(g[0].closeAsync(pending[1]));
            }, r -> {
                try {
                    rethrow(r, pending[1]);
                } catch (ExceptionGroup eg) {
                    out[v] = describe(eg);
                }
                return done();
            }));
        }
        assertEquals("EG[EG[IllegalArgumentException(100)]]", out[0]);
        assertEquals("EG[IllegalArgumentException(100)]", out[1]);
    }

    static String describe(Throwable e) {
        if (e instanceof ExceptionGroup eg) {
            return "EG" + eg.exceptions().stream().map(TaskGroupTest::describe).toList();
        }
        return e.getClass().getSimpleName() + "(" + e.getMessage() + ")";
    }

    @Test
    void case58_nestedGroupsBothCancelledRestoreTheCancellingCount() {
        S.run(() -> {
            TaskGroup[] g = new TaskGroup[2];
            Throwable[] pending = new Throwable[2];
            return S.start(r -> {
                g[0] = new TaskGroup();
                g[1] = new TaskGroup();
                g[1].spawn(() -> S.failAfter(0, new IllegalStateException("runtime")));
                g[0].spawn(() -> S.failAfter(0, new IllegalArgumentException("value")));
                return await(g[1].closeAsync(null));
            }, r -> {
                try {
                    r.get();
                } catch (ExceptionGroup eg) { // except* RuntimeError: pass
                    assertInstanceOf(IllegalStateException.class, eg.exceptions().get(0));
                }
                log.add("after inner: cancelling=" + Task.current().cancelling());
                return await(g[0].closeAsync(null));
            }, r -> {
                try {
                    r.get();
                } catch (ExceptionGroup eg) {
                    assertInstanceOf(IllegalArgumentException.class, eg.exceptions().get(0));
                }
                log.add("after outer: cancelling=" + Task.current().cancelling());
                return done();
            });
        });
        assertEquals(List.of("after inner: cancelling=1", "after outer: cancelling=0"), log);
    }

    @Test
    void case59_spawnRules() {
        S.run(() -> {
            TaskGroup[] g = new TaskGroup[1];
            return S.start(r -> {
                g[0] = new TaskGroup();
                g[0].spawn(() -> bad(10, new IllegalArgumentException("x")));
                g[0].spawn(() -> S.start(y -> await(S.sleep(1000)), y -> {
                    try {
                        g[0].spawn(() -> {
                            log.add("late body ran (wrong)");
                            return Task.completed();
                        });
                    } catch (IllegalStateException e) {
                        log.add(e.getMessage().endsWith("is shutting down") ? "shutting down" : e.getMessage());
                    }
                    return done(y.get());
                }));
                return await(g[0].closeAsync(null));
            }, r -> {
                assertThrows(ExceptionGroup.class, r::get);
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> g[0].spawn(() -> Task.completed()));
                log.add(e.getMessage().endsWith("is finished") ? "finished" : e.getMessage());
                assertThrows(IllegalStateException.class, () -> g[0].closeAsync(null));
                return done();
            });
        });
        assertEquals(List.of("bad raises 10", "shutting down", "finished"), log);
    }

    @Test
    void case59_aGroupNeedsATask() {
        S.run(() -> {
            EventLoop.current().callSoon(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, TaskGroup::new);
                assertTrue(e.getMessage().contains("parent task"), e.getMessage());
                log.add("refused in a callback");
            });
            return Asyncio.yieldNow();
        });
        assertThrows(IllegalStateException.class, TaskGroup::new, "no loop at all");
        assertEquals(List.of("refused in a callback"), log);
    }

    @Test
    void case59_childrenMaySpawnSiblings() {
        int[] hydras = {0};
        S.run(() -> {
            TaskGroup g = new TaskGroup();
            class Hydra {
                Task<Object> spawn() {
                    return S.start(r -> await(S.sleep(10)), r -> {
                        r.get();
                        if (++hydras[0] >= 10) {
                            throw new ArithmeticException("enough");
                        }
                        g.spawn(this::spawn);
                        g.spawn(this::spawn);
                        return done();
                    });
                }
            }
            g.spawn(new Hydra()::spawn);
            return S.start(r -> await(g.closeAsync(null)), r -> {
                ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::get);
                assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
                return done();
            });
        });
        assertTrue(hydras[0] >= 10, "hydras " + hydras[0]);
    }

    static final class FakeFatal extends VirtualMachineError {
        FakeFatal() {
            super("fatal");
        }
    }

    @Test
    void case60_aFatalErrorFromTheBodyPropagatesBare() {
        FakeFatal fatal = new FakeFatal();
        Throwable[] out = new Throwable[1];
        S.run(() -> {
            TaskGroup g = new TaskGroup();
            g.spawn(() -> ok(1, 100));
            return S.start(r -> await(g.closeAsync(fatal)), r -> {
                out[0] = r.error;
                return done();
            });
        });
        assertSame(fatal, out[0]);
    }

    @Test
    void case60_otherErrorsFromChildrenGoIntoTheGroup() {
        class MyBase extends Error {}
        List<Class<?>> types = new ArrayList<>();
        S.run(() -> {
            TaskGroup g = new TaskGroup();
            g.spawn(() -> S.failAfter(10, new MyBase()));
            g.spawn(() -> ok(9, 1000));
            return S.start(r -> await(g.closeAsync(null)), r -> {
                try {
                    r.get();
                } catch (ExceptionGroup eg) {
                    eg.exceptions().forEach(e -> types.add(e.getClass()));
                }
                return done();
            });
        });
        assertEquals(List.of(MyBase.class), types);
    }

    @Test
    void sectionP_anEagerChildFailingSynchronouslyAbortsTheGroupAtOnce() {
        Throwable[] pending = new Throwable[1];
        TaskGroup[] g = new TaskGroup[1];
        List<String> types = new ArrayList<>();
        S.run(() -> S.start(r -> {
            g[0] = new TaskGroup();
            Task<Object> child = g[0].spawn(() -> S.start(y -> {
                throw new IllegalArgumentException("sync");
            }));
            assertTrue(child.isDone(), "a synchronous failure returns a failed task, it does not throw");
            log.add("body runs on");
            return await(S.sleep(1000));
        }, r -> {
            pending[0] = bodyOutcome(r);
            return await(g[0].closeAsync(pending[0]));
        }, r -> {
            try {
                rethrow(r, pending[0]);
            } catch (ExceptionGroup eg) {
                eg.exceptions().forEach(e -> types.add(e.getMessage()));
                log.add("cancelling=" + Task.current().cancelling());
            }
            return done();
        }));
        assertEquals(List.of("body runs on", "body cancelled 0", "cancelling=0"), log);
        assertEquals(List.of("sync"), types);
    }

    @Test
    void aSupplierThatThrowsIsAFailedChild() {
        List<String> msgs = new ArrayList<>();
        S.run(() -> {
            TaskGroup g = new TaskGroup();
            Task<Object> t = g.spawn(() -> {
                throw new IllegalStateException("thrown by the supplier");
            });
            assertTrue(t.isDone());
            return S.start(r -> await(g.closeAsync(null)), r -> {
                try {
                    r.get();
                } catch (ExceptionGroup eg) {
                    msgs.add(eg.exceptions().get(0).getMessage());
                }
                return done();
            });
        });
        assertEquals(List.of("thrown by the supplier"), msgs);
    }

    @Test
    void spawnNamesTheChild() {
        S.run(() -> {
            TaskGroup g = new TaskGroup();
            Task<Object> t = g.spawn(() -> ok(1, 10), "worker-1");
            assertEquals("worker-1", t.name());
            assertFalse(t.isDone());
            return S.start(r -> await(g.closeAsync(null)), r -> done(r.get()));
        });
    }
}
