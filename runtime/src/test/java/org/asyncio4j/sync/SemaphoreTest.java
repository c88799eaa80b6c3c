package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

/** asyncio-semantics.md section J (cases 67-71) and seed case S2, ported from test_locks.SemaphoreTests. */
class SemaphoreTest {
    final List<Object> log = new ArrayList<>();

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    static Task<Void> tick() {
        return Asyncio.yieldNow();
    }

    Task<Object> logAfterAcquire(Semaphore sem, Object tag) {
        return Script.spawn(p -> sem.acquire(), p -> {
            p.value();
            log.add(tag);
            return true;
        });
    }

    /** Awaits every task in order (gather without the combinator); cancellations are tolerated. */
    static Task<Object> joinAll(List<? extends Task<?>> tasks) {
        Script.Step[] steps = new Script.Step[tasks.size() + 1];
        for (int i = 0; i < tasks.size(); i++) {
            Task<?> t = tasks.get(i);
            steps[i] = p -> {
                if (p.failure() != null && !(p.failure() instanceof CancelledError)) {
                    p.value();
                }
                return t;
            };
        }
        steps[tasks.size()] = p -> null;
        return Script.go(steps);
    }

    @Test
    void case67_valueAccounting() {
        Semaphore sem = new Semaphore(3);
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> sem.acquire(), p -> sem.acquire(), p -> {
            assertFalse(sem.isLocked());
            for (int i = 1; i <= 3; i++) {
                ts.add(logAfterAcquire(sem, i));
            }
            return tick();
        }, p -> {
            assertEquals(List.of(1), log);
            assertTrue(sem.isLocked());
            assertEquals(2, sem.waiting());
            assertEquals(0, sem.value());
            ts.add(logAfterAcquire(sem, 4));
            sem.release();
            sem.release();
            assertEquals(0, sem.value(), "each wake-up reserves a permit");
            return tick();
        }, p -> {
            assertEquals(0, sem.value());
            assertEquals(List.of(1, 2, 3), log);
            assertTrue(sem.isLocked());
            assertEquals(1, sem.waiting());
            assertFalse(ts.get(3).isDone());
            sem.release();
            return joinAll(ts);
        }, p -> {
            assertEquals(List.of(1, 2, 3, 4), log);
            return null;
        });
    }

    @Test
    void case68_fifoHoldsEvenWhenValueIsPositive() {
        Semaphore sem = new Semaphore(0);
        Task<?>[] t = new Task<?>[2];
        run(p -> {
            t[0] = logAfterAcquire(sem, "W");
            return tick();
        }, p -> {
            sem.release();
            sem.release();
            assertEquals(1, sem.value());
            assertTrue(sem.isLocked(), "W's wake-up is pending");
            Task<Held> newcomer = sem.acquire();
            assertFalse(newcomer.isDone(), "a newcomer queues behind W although a permit is free");
            t[1] = newcomer;
            return tick();
        }, p -> {
            // W ran, and (asyncio 3.13's wake-many) woke the newcomer with the remaining permit
            assertEquals(List.of("W"), log);
            assertTrue(t[1].isDone());
            assertEquals(0, sem.value());
            return null;
        });
    }

    @Test
    void case68_valueAndLockedAfterTheWokenWaiterRan() {
        // locks2.py: "value 1 locked True", then "after tick value 1 locked False"
        Semaphore sem = new Semaphore(0);
        run(p -> {
            Asyncio.createTask(sem::acquire);
            return tick();
        }, p -> {
            sem.release();
            sem.release();
            assertEquals(1, sem.value());
            assertTrue(sem.isLocked());
            return tick();
        }, p -> {
            assertEquals(1, sem.value());
            assertFalse(sem.isLocked());
            return null;
        });
    }

    @Test
    void case68_fifoOrder2() {
        Semaphore sem = new Semaphore(1);
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            ts.add(logAfterAcquire(sem, 1));
            ts.add(Script.spawn(q -> sem.acquire(), q -> {
                q.value();
                log.add(2);
                sem.release();
                return sem.acquire();
            }, q -> {
                q.value();
                log.add(4);
                return true;
            }));
            ts.add(logAfterAcquire(sem, 3));
            return tick();
        }, p -> {
            sem.release();
            sem.release();
            return joinAll(ts);
        }, p -> {
            assertEquals(List.of(1, 2, 3, 4), log);
            return null;
        });
    }

    @Test
    void case68_fifoOrder4_aSuccessfulAcquireWakesAsManyAsTheValueAllows() {
        Semaphore sem = new Semaphore(0);
        List<Task<?>> ts = new ArrayList<>();
        run(p -> {
            ts.add(Script.spawn(q -> {
                assertEquals(0, sem.value());
                return sem.acquire();
            }, q -> {
                q.value();
                assertEquals(0, sem.value(), "c1 woke everybody the value allowed");
                ts.add(Script.spawn(r -> {
                    log.add(4);
                    return true;
                }));
                log.add(1);
                return true;
            }));
            ts.add(Script.spawn(q -> {
                sem.release();
                sem.release();
                sem.release();
                assertEquals(2, sem.value());
                assertTrue(sem.isLocked(), "c1 has not woken up yet");
                return sem.acquire();
            }, q -> {
                q.value();
                log.add(2);
                return true;
            }));
            ts.add(Script.spawn(q -> sem.acquire(), q -> {
                q.value();
                assertTrue(sem.isLocked());
                log.add(3);
                return true;
            }));
            return tick();
        }, p -> {
            assertEquals(2, sem.value());
            assertEquals(3, sem.waiting() + sem.reservedForTest(), "c1 woken, c2 and c3 queued");
            return tick();
        }, p -> joinAll(List.copyOf(ts)), p -> {
            assertEquals(List.of(1, 2, 3, 4), log);
            return null;
        });
    }

    @Test
    void case69_roundRobinWithSemaphoreOne() {
        Semaphore sem = new Semaphore(1);
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            for (String tag : List.of("c1", "c2", "c3")) {
                ts.add(Script.spawn(q -> sem.acquire(), q -> {
                    q.value();
                    log.add(tag + "_1@" + Script.ms());
                    return Asyncio.sleep(Duration.ofMillis(10));
                }, q -> {
                    sem.release();
                    return sem.acquire();
                }, q -> {
                    q.value();
                    log.add(tag + "_2@" + Script.ms());
                    return Asyncio.sleep(Duration.ofMillis(10));
                }, q -> {
                    sem.release();
                    return null;
                }));
            }
            return joinAll(ts);
        }, p -> {
            assertEquals(List.of("c1_1@0.0", "c2_1@10.0", "c3_1@20.0", "c1_2@30.0", "c2_2@40.0", "c3_2@50.0"), log);
            assertEquals(60_000_000L, EventLoop.current().time());
            return null;
        });
    }

    @Test
    void case70_cancelBeforeAwoken() {
        Semaphore sem = new Semaphore(0);
        List<Task<?>> t = new ArrayList<>();
        run(p -> {
            for (int i = 0; i < 4; i++) {
                t.add(Asyncio.createTask(sem::acquire));
            }
            return tick();
        }, p -> {
            t.get(0).cancel();
            t.get(1).cancel();
            sem.release();
            return tick();
        }, p -> tick(), p -> {
            assertTrue(t.get(2).isDone());
            assertFalse(t.get(3).isDone());
            assertEquals(0, sem.value());
            t.get(2).cancel();
            t.get(3).cancel();
            return tick();
        }, p -> {
            assertTrue(t.get(3).isCancelled());
            return null;
        });
    }

    @Test
    void case70_wokenThenCancelledPassesThePermitOn() {
        // test_acquire_hang: t1 woken by release(), then cancelled: t2 acquires, value 0.
        Semaphore sem = new Semaphore(0);
        Task<?>[] t = new Task<?>[2];
        run(p -> {
            t[0] = Asyncio.createTask(sem::acquire);
            t[1] = Asyncio.createTask(sem::acquire);
            return tick();
        }, p -> {
            sem.release();
            t[0].cancel();
            return tick();
        }, p -> tick(), p -> {
            assertTrue(t[0].isCancelled());
            assertTrue(t[1].isDone() && !t[1].isCancelled());
            assertTrue(sem.isLocked());
            assertEquals(0, sem.value());
            return null;
        });
    }

    @Test
    void case70_cancelFirstThenReleaseTwice() {
        // test_acquire_fifo_order_3 -> [2, 3]
        Semaphore sem = new Semaphore(0);
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            for (int i = 1; i <= 3; i++) {
                ts.add(logAfterAcquire(sem, i));
            }
            return tick();
        }, p -> {
            ts.get(0).cancel();
            return tick();
        }, p -> {
            sem.release();
            sem.release();
            return joinAll(ts);
        }, p -> {
            assertEquals(List.of(2, 3), log);
            assertTrue(ts.get(0).isCancelled());
            return null;
        });
    }

    @Test
    void case70_noHang_cancelledWaiterDoesNotKeepThePermit() {
        // test_acquire_no_hang without gather/wait_for: c1 holds, c2 waits; c1 releases and cancels c2.
        Semaphore sem = new Semaphore(1);
        Task<?>[] t = new Task<?>[2];
        run(p -> {
            t[0] = Script.spawn(q -> sem.acquire(), q -> {
                Held h = q.value();
                return Asyncio.sleep(Duration.ZERO, h);
            }, q -> {
                Held h = q.value();
                h.close();
                t[1].cancel();
                return null;
            });
            t[1] = Script.spawn(q -> sem.acquire(), q -> {
                q.value();
                log.add("c2 must not get here");
                return null;
            });
            return t[0];
        }, p -> t[1], p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(List.of(), log);
            Task<Held> again = sem.acquire();
            assertTrue(again.isDone(), "the permit is free again");
            return again;
        }, p -> {
            p.value();
            return null;
        });
    }

    @Test
    void case71_constructionAndBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> new BoundedSemaphore(2).release());
        assertTrue(s.getMessage().contains("released too many times"), s.getMessage());
        Semaphore plain = new Semaphore(1);
        plain.release();
        plain.release();
        assertEquals(3, plain.value(), "a plain Semaphore may be over-released");
        assertTrue(new Semaphore(0).isLocked());
    }

    @Test
    void boundedSemaphore_releaseWhatWasAcquired() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        run(p -> sem.acquire(), p -> {
            Held h = p.value();
            assertEquals(1, sem.value());
            h.close();
            h.close(); // once
            assertEquals(2, sem.value());
            assertThrows(IllegalStateException.class, sem::release);
            return null;
        });
    }

    @Test
    void seedS2_semaphoreOf3Limits10Workers() {
        Semaphore sem = new Semaphore(3);
        int[] active = new int[2]; // current, peak
        List<Task<Object>> ts = new ArrayList<>();
        Object results = run(p -> {
            for (int i = 0; i < 10; i++) {
                int n = i;
                ts.add(Script.spawn(q -> sem.acquire(), q -> {
                    Held h = q.value();
                    log.add("start " + n + " @" + Script.ms());
                    active[0]++;
                    active[1] = Math.max(active[1], active[0]);
                    return Asyncio.sleep(Duration.ofSeconds(1), h);
                }, q -> {
                    Held h = q.value();
                    active[0]--;
                    h.close();
                    return n;
                }));
            }
            return joinAll(ts);
        }, p -> {
            List<Object> r = new ArrayList<>();
            for (Task<Object> t : ts) {
                r.add(t.result());
            }
            assertEquals(4_000_000_000L, EventLoop.current().time());
            return r;
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), results);
        assertEquals(3, active[1]);
        assertEquals(List.of("start 0 @0.0", "start 1 @0.0", "start 2 @0.0", "start 3 @1000.0", "start 4 @1000.0",
                "start 5 @1000.0", "start 6 @2000.0", "start 7 @2000.0", "start 8 @2000.0", "start 9 @3000.0"), log);
    }
}
