package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md cases 73-76, ported from test_locks.ConditionTests. */
class ConditionTest {
    final List<Object> log = new ArrayList<>();
    int state;
    boolean wake;

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    static Task<Void> tick() {
        return Asyncio.yieldNow();
    }

    /** async with cond: await cond.wait(); log(tag)  (the lock stays held at the end, as in test_wait) */
    Task<Object> waitThenLog(Condition cond, Object tag, boolean releaseAfter) {
        return Script.spawn(p -> cond.acquire(), p -> {
            p.value();
            return cond.await();
        }, p -> {
            p.value();
            assertTrue(cond.isLocked(), "await() returns holding the lock");
            log.add(tag);
            if (releaseAfter) {
                cond.release();
            }
            return true;
        });
    }

    @Test
    void case73_signalTakesEffectOnlyWhenTheLockIsReleased() {
        Condition cond = new Condition();
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            for (int i = 1; i <= 3; i++) {
                ts.add(waitThenLog(cond, i, false));
            }
            return tick();
        }, p -> {
            assertEquals(List.of(), log);
            assertFalse(cond.isLocked());
            return cond.acquire();
        }, p -> {
            p.value();
            cond.signal();
            return tick();
        }, p -> {
            assertEquals(List.of(), log);
            assertTrue(cond.isLocked());
            cond.release();
            return tick();
        }, p -> {
            assertEquals(List.of(1), log);
            assertTrue(cond.isLocked());
            cond.signal(2);
            return tick();
        }, p -> {
            assertEquals(List.of(1), log);
            assertTrue(cond.isLocked());
            cond.release();
            return tick();
        }, p -> {
            assertEquals(List.of(1, 2), log);
            assertTrue(cond.isLocked());
            cond.release();
            return tick();
        }, p -> {
            assertEquals(List.of(1, 2, 3), log);
            assertTrue(cond.isLocked());
            for (Task<Object> t : ts) {
                assertEquals(true, t.result());
            }
            return null;
        });
    }

    @Test
    void case73_signalOneTwiceWakesTwoDifferentWaiters() {
        Condition cond = new Condition();
        run(p -> {
            waitThenLog(cond, 0, true);
            waitThenLog(cond, 1, true);
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            cond.signal(1);
            cond.signal(1);
            cond.release();
            return Asyncio.sleep(Duration.ofMillis(1));
        }, p -> {
            assertEquals(List.of(0, 1), log);
            return null;
        });
    }

    @Test
    void case73_notify_thenNotifyOneAndMany() {
        Condition cond = new Condition();
        run(p -> {
            for (int i = 1; i <= 3; i++) {
                waitThenLog(cond, i, true);
            }
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            cond.signal(1);
            cond.release();
            return tick();
        }, p -> {
            assertEquals(List.of(1), log);
            return cond.acquire();
        }, p -> {
            p.value();
            cond.signal(1);
            cond.signal(2048);
            cond.release();
            return tick();
        }, p -> tick(), p -> {
            assertEquals(List.of(1, 2, 3), log);
            return null;
        });
    }

    @Test
    void signalAllWakesEveryone() {
        Condition cond = new Condition();
        run(p -> {
            for (int i = 1; i <= 3; i++) {
                waitThenLog(cond, i, true);
            }
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            cond.signalAll();
            assertEquals(0, cond.waiting());
            cond.release();
            return Asyncio.sleep(Duration.ofMillis(1));
        }, p -> {
            assertEquals(List.of(1, 2, 3), log);
            return null;
        });
    }

    @Test
    void case74_cancelledWaitReacquiresTheLockFirst() {
        Condition cond = new Condition();
        Task<?>[] w = new Task<?>[1];
        run(p -> cond.acquire(), p -> {
            w[0] = Asyncio.createTask(cond::await);
            EventLoop.current().callSoon(w[0]::cancel);
            return w[0]; // its await() released main's lock (no owner), so it re-acquires at once
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(0, cond.waiting());
            assertTrue(cond.isLocked(), "the cancelled waiter ended holding the lock");
            return null;
        });
    }

    @Test
    void case74_cancelledWaiterRaisesHoldingTheLock() {
        Condition cond = new Condition();
        Task<?>[] t = new Task<?>[1];
        run(p -> {
            t[0] = Script.spawn(q -> cond.acquire(), q -> {
                q.value();
                return cond.await();
            }, q -> {
                log.add((q.failure() instanceof CancelledError ? "cancelled" : "woken") + ", locked=" + cond.isLocked());
                cond.release();
                return q.value();
            });
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            t[0].cancel();
            return tick();
        }, p -> {
            assertFalse(t[0].isDone());
            cond.release();
            return t[0];
        }, p -> {
            assertTrue(t[0].isCancelled());
            assertEquals(List.of("cancelled, locked=true"), log);
            return null;
        });
    }

    @Test
    void case74_cancelAfterNotify() {
        // bpo-32841: notified, then cancelled while re-acquiring: cancelled once the lock is free.
        Condition cond = new Condition();
        boolean[] waited = new boolean[1];
        Task<?>[] t = new Task<?>[1];
        run(p -> {
            t[0] = Script.spawn(q -> cond.acquire(), q -> {
                q.value();
                waited[0] = true;
                return cond.await();
            }, q -> {
                cond.release();
                return q.value();
            });
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            cond.signal();
            return tick();
        }, p -> {
            t[0].cancel();
            return tick();
        }, p -> {
            cond.release();
            return tick();
        }, p -> {
            assertTrue(t[0].isCancelled());
            assertTrue(waited[0]);
            return null;
        });
    }

    @Test
    void case74_notifiedThenCancelledBeforeRunning_cancelWinsAndEndsHoldingTheLock() {
        // test_wait_cancel_contested
        Condition cond = new Condition();
        Task<?>[] w = new Task<?>[1];
        run(p -> cond.acquire(), p -> {
            w[0] = Asyncio.createTask(cond::await);
            return tick();
        }, p -> {
            assertFalse(cond.isLocked());
            return cond.acquire();
        }, p -> {
            p.value();
            cond.signal();
            EventLoop.current().callSoon(w[0]::cancel);
            EventLoop.current().callSoon(cond::release);
            return w[0];
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertTrue(cond.isLocked());
            return null;
        });
    }

    @Test
    void case74_sameCancelledErrorInstanceWithItsMessage_cancelledWhileWaiting() {
        Condition cond = new Condition();
        Throwable[] raised = new Throwable[1];
        Task<?>[] t = new Task<?>[1];
        run(p -> {
            t[0] = Script.spawn(q -> cond.acquire(), q -> {
                q.value();
                return cond.waitFor(() -> wake);
            }, q -> {
                raised[0] = q.failure();
                assertInstanceOf(CancelledError.class, raised[0]);
                assertTrue(cond.isLocked());
                cond.release();
                throw raised[0];
            });
            return tick();
        }, p -> {
            t[0].cancel("foo");
            return t[0];
        }, p -> {
            assertSame(raised[0], p.failure());
            assertEquals("foo", p.failure().getMessage());
            return null;
        });
    }

    @Test
    void case74_sameCancelledErrorInstanceWithItsMessage_cancelledWhileReacquiring() {
        Condition cond = new Condition();
        Throwable[] raised = new Throwable[1];
        Task<?>[] t = new Task<?>[1];
        run(p -> {
            t[0] = Script.spawn(q -> cond.acquire(), q -> {
                q.value();
                return cond.waitFor(() -> wake);
            }, q -> {
                raised[0] = q.failure();
                assertTrue(cond.isLocked());
                cond.release();
                throw raised[0];
            });
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            wake = true;
            cond.signal();
            return tick();
        }, p -> {
            t[0].cancel("foo");
            cond.release();
            return t[0];
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertSame(raised[0], p.failure());
            assertEquals("foo", p.failure().getMessage());
            return null;
        });
    }

    /** async with cond: while True: await cond.wait_for(state != 0); if state < 0: return; state -= 1 */
    Task<Object> consumer(Condition cond) {
        return Script.spawn(q -> cond.acquire(), q -> {
            q.value();
            return consumeLoop(cond);
        }, q -> q.value());
    }

    Task<Object> consumeLoop(Condition cond) {
        // a nested machine: loop { waitFor; if state < 0 return; state-- }, always releasing at the end
        return Script.go(q -> cond.waitFor(() -> state != 0), q -> {
            try {
                q.value();
            } catch (CancelledError e) {
                cond.release();
                throw e;
            }
            if (state < 0) {
                cond.release();
                return "done";
            }
            state--;
            log.add("consumed");
            return consumeLoop(cond);
        }, q -> q.value());
    }

    @Test
    void case75_noLostWakeUp_cancelWhileWaitingForTheSignal() {
        Condition cond = new Condition();
        List<Task<Object>> c = new ArrayList<>();
        run(p -> {
            c.add(consumer(cond));
            c.add(consumer(cond));
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            state += 1;
            cond.signal(1);
            c.get(0).cancel();
            cond.release(); // instead of waitFor(state == 0) under a timeout: let them run, then look
            return Asyncio.sleep(Duration.ofMillis(10));
        }, p -> cond.acquire(), p -> {
            p.value();
            assertEquals(0, state, "the signal was passed on to the second consumer");
            assertTrue(c.get(0).isCancelled());
            state = -1;
            cond.signalAll();
            cond.release();
            return c.get(1);
        }, p -> {
            assertEquals("done", p.value());
            assertEquals(List.of("consumed"), log);
            return null;
        });
    }

    @Test
    void case75_noLostWakeUp_cancelWhileReacquiringTheLock() {
        Condition cond = new Condition();
        List<Task<Object>> c = new ArrayList<>();
        run(p -> {
            c.add(consumer(cond));
            c.add(consumer(cond));
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            state += 1;
            cond.signal(1);
            return tick(); // the consumer settles on re-acquiring the lock
        }, p -> {
            c.get(0).cancel();
            cond.release();
            return Asyncio.sleep(Duration.ofMillis(10));
        }, p -> cond.acquire(), p -> {
            p.value();
            assertEquals(0, state);
            assertTrue(c.get(0).isCancelled());
            state = -1;
            cond.signalAll();
            cond.release();
            return c.get(1);
        }, p -> {
            assertEquals("done", p.value());
            return null;
        });
    }

    @Test
    void case76_waitForKeepsWaitingWhileThePredicateIsFalse() {
        Condition cond = new Condition();
        boolean[] presult = new boolean[1];
        run(p -> {
            Script.spawn(q -> cond.acquire(), q -> {
                q.value();
                return cond.waitFor(() -> presult[0]);
            }, q -> {
                q.value();
                assertTrue(cond.isLocked());
                log.add(1);
                cond.release();
                return true;
            });
            return tick();
        }, p -> {
            assertEquals(List.of(), log);
            return cond.acquire();
        }, p -> {
            p.value();
            cond.signal();
            cond.release();
            return tick();
        }, p -> {
            assertEquals(List.of(), log);
            presult[0] = true;
            return cond.acquire();
        }, p -> {
            p.value();
            cond.signal();
            cond.release();
            return tick();
        }, p -> {
            assertEquals(List.of(1), log);
            return null;
        });
    }

    @Test
    void case76_truePredicateReturnsWithoutTheLock() {
        Condition cond = new Condition();
        run(p -> {
            Task<Void> t = cond.waitFor(() -> true);
            assertTrue(t.isDone());
            assertFalse(cond.isLocked());
            return t;
        });
    }

    @Test
    void case76_misuseWithoutTheLock() {
        Condition cond = new Condition();
        run(p -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cond.waitFor(() -> false));
            assertTrue(e.getMessage().contains("needs the lock held"), e.getMessage());
            assertThrows(IllegalStateException.class, cond::await);
            assertThrows(IllegalStateException.class, cond::signal);
            assertThrows(IllegalStateException.class, cond::signalAll);
            assertThrows(IllegalStateException.class, () -> cond.signal(2));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> new Condition().signal(),
                "signal without the lock needs no loop to fail");
    }

    @Test
    void predicateFailureIsRaisedFromWaitForHoldingTheLock() {
        Condition cond = new Condition();
        boolean[] armed = new boolean[1];
        Task<?>[] t = new Task<?>[1];
        run(p -> {
            t[0] = Script.spawn(q -> cond.acquire(), q -> {
                q.value();
                return cond.waitFor(() -> {
                    if (armed[0]) {
                        throw new IllegalArgumentException("bad predicate");
                    }
                    return false;
                });
            }, q -> {
                log.add(q.failure().getMessage() + ", locked=" + cond.isLocked());
                cond.release();
                return null;
            });
            return tick();
        }, p -> cond.acquire(), p -> {
            p.value();
            armed[0] = true;
            cond.signal();
            cond.release();
            return t[0];
        }, p -> {
            assertEquals(List.of("bad predicate, locked=true"), log);
            return null;
        });
    }

    @Test
    void sharedLockBetweenConditions() {
        Lock lock = new Lock();
        Condition a = new Condition(lock);
        Condition b = new Condition(lock);
        run(p -> lock.acquire(), p -> {
            p.value();
            assertTrue(a.isLocked() && b.isLocked());
            lock.release();
            assertFalse(a.isLocked());
            return null;
        });
    }
}
