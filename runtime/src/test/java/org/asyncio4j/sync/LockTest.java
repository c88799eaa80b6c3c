package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.concurrent.atomic.AtomicReference;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section I (cases 61-66), ported from test_locks.LockTests. */
class LockTest {
    final List<Object> log = new ArrayList<>();

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    static Task<Void> tick() {
        return Asyncio.yieldNow();
    }

    Task<Object> logAfterAcquire(Lock lock, Object tag) {
        return Script.spawn(p -> lock.acquire(), p -> {
            p.value();
            log.add(tag);
            return true;
        });
    }

    @Test
    void case61_strictFifo() {
        Lock lock = new Lock();
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> lock.acquire(), p -> {
            ts.add(logAfterAcquire(lock, 1));
            ts.add(logAfterAcquire(lock, 2));
            return tick();
        }, p -> {
            assertEquals(List.of(), log);
            lock.release();
            return tick();
        }, p -> {
            assertEquals(List.of(1), log);
            return tick();
        }, p -> {
            assertEquals(List.of(1), log);
            ts.add(logAfterAcquire(lock, 3));
            lock.release();
            return tick();
        }, p -> {
            assertEquals(List.of(1, 2), log);
            lock.release();
            return tick();
        }, p -> {
            assertEquals(List.of(1, 2, 3), log);
            for (Task<Object> t : ts) {
                assertTrue(t.isDone());
                assertEquals(true, t.result());
            }
            return null;
        });
    }

    @Test
    void case62_noBargingAfterRelease() {
        // locks2.py: two waiters; main releases and at once tries to acquire again: [0, 1, 'main'].
        Lock lock = new Lock();
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> lock.acquire(), p -> {
            for (int i = 0; i < 2; i++) {
                int n = i;
                ts.add(Script.spawn(q -> lock.acquire(), q -> {
                    q.value();
                    log.add(n);
                    return tick();
                }, q -> {
                    lock.release();
                    return null;
                }));
            }
            return tick();
        }, p -> {
            lock.release();
            assertFalse(lock.isLocked(), "asyncio: unlocked while the woken waiter has not run");
            Task<Held> mine = lock.acquire();
            assertFalse(mine.isDone(), "a newcomer queues behind the woken waiter");
            return mine;
        }, p -> {
            log.add("main");
            Held h = p.value();
            h.close();
            h.close(); // releases once
            assertFalse(lock.isLocked());
            return ts.get(1);
        }, p -> {
            assertEquals(List.of(0, 1, "main"), log);
            return null;
        });
    }

    @Test
    void case62_uncontendedAcquireDoesNotYield() {
        Lock lock = new Lock();
        run(p -> {
            Asyncio.createTask(() -> {
                log.add("other ran");
                return Task.completed();
            });
            Task<Held> t = lock.acquire();
            assertTrue(t.isDone());
            return t;
        }, p -> {
            log.add("acquired");
            return tick();
        }, p -> {
            assertEquals(List.of("acquired", "other ran"), log);
            return null;
        });
    }

    @Test
    void case62_uncontendedAcquireIgnoresPendingCancel() {
        Lock lock = new Lock();
        Object r = run(p -> {
            Task.current().cancel();
            return lock.acquire(); // done at once: no suspension, so no cancel delivered here
        }, p -> {
            Held h = p.value();
            log.add("held " + lock.isLocked());
            h.close();
            return tick(); // the cancel arrives at the next real suspension
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            log.add("cancelled at the next suspension");
            return null;
        });
        assertEquals(List.of("held true", "cancelled at the next suspension"), log);
        assertEquals(null, r);
    }

    @Test
    void case63_cancelledWaiterIsSkipped() {
        Lock lock = new Lock();
        AtomicReference<Promise<Void>> fa = new AtomicReference<>();
        Task<?>[] t = new Task<?>[3];
        run(p -> {
            fa.set(new Promise<>());
            t[0] = lockit(lock, "A", fa.get());
            return tick();
        }, p -> {
            assertTrue(lock.isLocked());
            t[1] = lockit(lock, "B", null);
            return tick();
        }, p -> {
            assertEquals(1, lock.waiters.size());
            t[2] = lockit(lock, "C", null);
            return tick();
        }, p -> {
            assertEquals(2, lock.waiters.size());
            fa.get().complete(null);
            t[1].cancel();
            assertEquals(1, lock.waiters.size(), "a cancelled acquire leaves the queue at once");
            return tick();
        }, p -> {
            assertFalse(lock.isLocked(), lock + " " + log + " " + t[0] + t[1] + t[2]);
            assertTrue(t[0].isDone());
            assertTrue(t[1].isCancelled());
            return t[2];
        }, p -> {
            p.value();
            assertEquals(List.of("A", "C"), log);
            assertFalse(lock.isLocked());
            return null;
        });
    }

    Task<Object> lockit(Lock lock, String name, Task<?> blocker) {
        return Script.spawn(p -> lock.acquire(), p -> {
            p.value();
            log.add(name);
            return blocker != null ? blocker : Task.completed();
        }, p -> {
            lock.release();
            p.value();
            return null;
        });
    }

    @Test
    void case63_cancelledAcquireLeavesNoWaiter() {
        Lock lock = new Lock();
        Task<?>[] t = new Task<?>[1];
        run(p -> lock.acquire(), p -> {
            t[0] = Asyncio.createTask(lock::acquire);
            EventLoop.current().callSoon(t[0]::cancel);
            return t[0];
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(0, lock.waiters.size());
            return null;
        });
    }

    @Test
    void case64_finishedWaiterCancelled_cpythonTest() {
        Lock lock = new Lock();
        Task<?>[] t = new Task<?>[2];
        run(p -> lock.acquire(), p -> {
            t[0] = Asyncio.createTask(lock::acquire);
            return tick();
        }, p -> {
            assertEquals(1, lock.waiters.size());
            t[1] = Asyncio.createTask(lock::acquire);
            t[0].cancel();
            lock.release();
            return tick();
        }, p -> {
            assertTrue(lock.isLocked());
            assertTrue(t[0].isCancelled());
            return t[1];
        }, p -> {
            p.value();
            return null;
        });
    }

    @Test
    void case64_wokenWaiterCancelledBeforeItRuns_passesTheWakeUpOn() {
        // B waits and C is created; release() wakes B, then B is cancelled.
        // After 1 iteration: B cancelled, lock not held, C woken. After 2: C holds it.
        Lock lock = new Lock();
        Task<?>[] t = new Task<?>[2];
        run(p -> lock.acquire(), p -> {
            t[0] = Script.spawn(q -> lock.acquire(), q -> {
                q.value();
                log.add("B");
                return null;
            });
            return tick();
        }, p -> {
            t[1] = Script.spawn(q -> lock.acquire(), q -> {
                q.value();
                log.add("C");
                return null;
            });
            lock.release();
            t[0].cancel();
            return tick();
        }, p -> {
            assertTrue(t[0].isCancelled());
            assertFalse(lock.isLocked());
            assertEquals(0, lock.waiters.size());
            assertEquals(1, lock.reservedForTest(), "C holds the wake-up");
            assertEquals(List.of(), log);
            return tick();
        }, p -> {
            assertTrue(lock.isLocked());
            assertEquals(List.of("C"), log);
            return null;
        });
    }

    @Test
    void case65_cancelReleaseRace_onlyOneTaskAcquires() {
        Lock lock = new Lock();
        int[] counts = new int[2]; // lock_count, call_count
        Task<?>[] t = new Task<?>[3];
        run(p -> lock.acquire(), p -> {
            for (int i = 0; i < 3; i++) {
                t[i] = Script.spawn(q -> {
                    counts[1]++;
                    return lock.acquire();
                }, q -> {
                    q.value();
                    counts[0]++;
                    return null;
                });
            }
            return tick();
        }, p -> {
            EventLoop.current().callSoon(() -> {
                t[0].cancel();
                lock.release();
            });
            return t[0];
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(1, counts[0]);
            assertEquals(3, counts[1]);
            assertTrue(t[0].isCancelled() && t[1].isDone());
            assertFalse(t[2].isDone());
            t[2].cancel();
            return tick();
        }, p -> {
            assertTrue(t[2].isCancelled());
            return null;
        });
    }

    @Test
    void case66_releaseUnlockedLockThrows() {
        Lock lock = new Lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertTrue(e.getMessage().contains("not acquired"), e.getMessage());
    }

    @Test
    void case66_noOwner_anotherTaskMayRelease() {
        Lock lock = new Lock();
        run(p -> lock.acquire(), p -> Script.spawn(q -> {
            lock.release();
            return null;
        }), p -> {
            assertFalse(lock.isLocked());
            return null;
        });
    }

    @Test
    void heldClosesOnceAndUnlocks() {
        Lock lock = new Lock();
        run(p -> lock.acquire(), p -> {
            try (Held h = p.value()) {
                assertTrue(lock.isLocked());
            }
            assertFalse(lock.isLocked());
            return null;
        });
    }

    @Test
    void usingAPrimitiveFromASecondOpenLoopFails() {
        Lock lock = new Lock();
        EventLoop first = EventLoop.builder().clock(new VirtualClock()).build();
        try {
            first.runUntilComplete(() -> Script.go(p -> lock.acquire(), p -> {
                lock.acquire(); // binds the lock to `first`, then stays queued
                return null;
            }));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(p -> lock.acquire()));
            assertTrue(e.getMessage().contains("bound to a different event loop"), e.getMessage());
        } finally {
            first.close();
        }
    }

    @Test
    void boundToTheFirstLoopThatWaits_butReusableAfterThatLoopClosed() {
        Lock lock = new Lock(); // made outside any loop
        for (int round = 0; round < 2; round++) {
            run(p -> lock.acquire(), p -> {
                Task<Object> t = logAfterAcquire(lock, "w");
                lock.release();
                return t;
            }, p -> {
                lock.release();
                return null;
            });
        }
        assertEquals(List.of("w", "w"), log);
    }
}
