package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * asyncio-semantics.md section M (cases 86-89) and thread safety. Work on other threads waits on
 * latches released by the loop instead of sleeping, so the tests are exact and take no wall time;
 * the tests with real contention are bounded by assertTimeoutPreemptively.
 */
class ThreadsTest {
    static final Duration BOUND = Duration.ofSeconds(60);
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Ticks every 100 ms of loop time; at tick {@code releaseAt} opens {@code latch} and stops. */
    Task<Void> ticker(int releaseAt, CountDownLatch latch) {
        int[] n = {0};
        return S.start(r -> await(S.sleep(100)), r -> {
            r.get();
            n[0]++;
            log.add("tick" + n[0] + "@" + t());
            if (n[0] == releaseAt) {
                latch.countDown();
                return done();
            }
            return S.jump(S.sleep(100), 1);
        });
    }

    static void block(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within " + BOUND);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void case86_toThreadDoesNotBlockTheLoop() {
        assertTimeoutPreemptively(BOUND, () -> {
            CountDownLatch release = new CountDownLatch(1);
            List<Object> r = S.run(() -> Asyncio.gather(ticker(5, release), Asyncio.toThread(() -> {
                block(release); // blocked until the loop has ticked 5 times
                log.add("thread done");
                return "work";
            })));
            assertEquals(List.of("tick1@100", "tick2@200", "tick3@300", "tick4@400", "tick5@500", "thread done"), log);
            assertEquals("work", r.get(1));
        });
    }

    @Test
    void case86_exceptionsCrossOverUnchanged() {
        IllegalArgumentException k = new IllegalArgumentException("k");
        Throwable[] got = new Throwable[1];
        assertTimeoutPreemptively(BOUND, () -> S.run(() -> S.start(r -> await(Asyncio.toThread(() -> {
            throw k;
        })), r -> {
            got[0] = r.error;
            return done();
        })));
        assertSame(k, got[0]);
    }

    @Test
    void case87_cancellingAToThreadAwaitDoesNotStopTheThread() {
        AtomicBoolean finished = new AtomicBoolean();
        assertTimeoutPreemptively(BOUND, () -> {
            CountDownLatch release = new CountDownLatch(1);
            S.run(() -> {
                // The job must be running when the cancel comes: one not yet started is cancelled
                // and never runs (asyncio cancels the concurrent future; CancelSourceTest).
                Promise<Void> started = new Promise<>();
                Task<Object> awaiter = S.start(r -> await(Asyncio.toThread(() -> {
                    started.complete(null);
                    block(release);
                    finished.set(true);
                    return null;
                })), r -> {
                    try {
                        r.get();
                    } catch (CancelledError e) {
                        log.add("awaiter CancelledError@" + t() + " thread finished=" + finished.get());
                        release.countDown();
                        throw e;
                    }
                    return done();
                });
                return S.start(r -> await(started), r -> {
                    EventLoop.current().callLater(Duration.ofMillis(50), awaiter::cancel);
                    return await(Asyncio.gatherSettled(List.of(awaiter)));
                }, r -> done());
            });
        });
        assertEquals(List.of("awaiter CancelledError@50 thread finished=false"), log);
        assertTrue(finished.get(), "Asyncio.run joined the executor, so the thread finished its work");
    }

    /** A leftover task: blocks until cancelled, then cleans up for 10 ms (or fails while doing so). */
    Task<Void> leftover(int i, boolean failInCleanup, CountDownLatch cleanedUp) {
        return S.start(r -> await(S.sleep(1_000_000)), r -> {
            if (r.error instanceof CancelledError) {
                log.add("leftover" + i + " cancelled");
                return await(S.sleep(10));
            }
            return done();
        }, r -> {
            if (failInCleanup) {
                throw new IllegalStateException("cleanup of leftover" + i + " failed");
            }
            log.add("leftover" + i + " cleanup done");
            cleanedUp.countDown();
            throw new CancelledError();
        });
    }

    @Test
    void case88_runCancelsAndAwaitsLeftoversThenReportsThenShutsTheExecutorDownThenCloses() {
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop[] loop = new EventLoop[1];
        AtomicBoolean executorWorkDone = new AtomicBoolean();
        int r = assertTimeoutPreemptively(BOUND, () -> {
            CountDownLatch cleanedUp = new CountDownLatch(2);
            return S.run(() -> {
                loop[0] = EventLoop.current();
                loop[0].setExceptionHandler(reports::add);
                leftover(0, false, cleanedUp);
                leftover(1, false, cleanedUp);
                leftover(2, true, cleanedUp);
                // Not awaited: it can only finish once the leftovers have been cleaned up, and
                // Asyncio.run must wait for it (shutting the default executor down joins it).
                Asyncio.toThread(() -> {
                    block(cleanedUp);
                    executorWorkDone.set(true);
                    return null;
                });
                log.add("main returns");
                return Task.completed(123);
            });
        });
        assertEquals(123, r);
        assertEquals(List.of("main returns", "leftover0 cancelled", "leftover1 cancelled", "leftover2 cancelled",
                "leftover0 cleanup done", "leftover1 cleanup done"), log);
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("unhandled exception during Asyncio.run() shutdown", reports.get(0).message());
        assertEquals("cleanup of leftover2 failed", reports.get(0).exception().getMessage());
        assertTrue(executorWorkDone.get());
        assertTrue(loop[0].isClosed());
    }

    @Test
    void case88_whenMainFailsTheSameCleanupHappensFirst() {
        IllegalStateException boom = new IllegalStateException("main failed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> S.run(() -> {
            leftover(0, false, new CountDownLatch(1));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                throw boom;
            });
        }));
        assertSame(boom, e);
        assertEquals(List.of("leftover0 cancelled", "leftover0 cleanup done"), log);
    }

    @Test
    void case89_runRefusesToNest() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> S.run(() -> Task.completed(S.run(() -> Task.completed(1)))));
        assertTrue(e.getMessage().contains("cannot be called from a running event loop"), e.getMessage());
    }

    // ------------------------------------------------------------------ thread safety

    @Test
    void promiseCompletedByRacingThreadsHasExactlyOneWinner() {
        int threads = 8;
        for (int round = 0; round < 50; round++) {
            AtomicInteger winners = new AtomicInteger();
            AtomicInteger winner = new AtomicInteger(-1);
            Object[] got = new Object[2];
            List<Thread> racers = new ArrayList<>();
            assertTimeoutPreemptively(BOUND, () -> S.run(() -> {
                Promise<Integer> p = new Promise<>();
                Thread loopThread = Thread.currentThread();
                CountDownLatch start = new CountDownLatch(1);
                for (int i = 0; i < threads; i++) {
                    int v = i;
                    Thread th = new Thread(() -> {
                        block(start);
                        if (p.complete(v)) {
                            winners.incrementAndGet();
                            winner.set(v);
                        }
                    });
                    racers.add(th);
                    th.start();
                }
                start.countDown();
                return S.start(r -> await(p), r -> {
                    got[0] = r.get();
                    got[1] = Thread.currentThread() == loopThread;
                    return done();
                });
            }));
            assertTimeoutPreemptively(BOUND, () -> {
                for (Thread th : racers) {
                    th.join();
                }
            });
            assertEquals(1, winners.get(), "round " + round + " got " + java.util.Arrays.toString(got) + " racers " + racers.size());
            assertEquals(winner.get(), got[0]);
            assertEquals(true, got[1], "resumed on the loop thread");
        }
    }

    @Test
    void callSoonThreadsafeUnderContentionLosesNothingAndKeepsPerThreadOrder() {
        int threads = 4;
        int each = 50_000;
        int[][] seen = new int[threads][1];
        boolean[] inOrder = {true};
        int[] count = {0};
        assertTimeoutPreemptively(BOUND, () -> S.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> all = new Promise<>();
            for (int i = 0; i < threads; i++) {
                int th = i;
                new Thread(() -> {
                    for (int k = 0; k < each; k++) {
                        int v = k;
                        loop.callSoonThreadsafe(() -> {
                            assert loop.inEventLoop();
                            if (seen[th][0] != v) {
                                inOrder[0] = false;
                            }
                            seen[th][0] = v + 1;
                            if (++count[0] == threads * each) {
                                all.complete(null);
                            }
                        });
                    }
                }).start();
            }
            return all;
        }));
        assertEquals(threads * each, count[0]);
        assertTrue(inOrder[0]);
    }

    @Test
    void awaitingACompletionStageCompletedOnAnotherThread() {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Object[] got = new Object[3];
            assertTimeoutPreemptively(BOUND, () -> S.run(() -> {
                Thread loopThread = Thread.currentThread();
                CompletableFuture<String> ok = CompletableFuture.supplyAsync(() -> "from " + "another thread", ex);
                CompletableFuture<String> bad = CompletableFuture.supplyAsync(() -> {
                    throw new IllegalArgumentException("bad");
                }, ex);
                return new StageAwaiter(ok, bad, got, loopThread).start();
            }));
            assertEquals("from another thread", got[0]);
            assertEquals(true, got[1]);
            assertTrue(got[2] instanceof IllegalArgumentException, "CompletionException unwrapped: " + got[2]);
        } finally {
            ex.shutdownNow();
        }
    }

    /** {@code got[0] = Await.on(ok); try { Await.on(bad); } catch (Exception e) { got[2] = e; }} */
    static final class StageAwaiter extends Coroutine<Void> {
        final CompletableFuture<String> ok;
        final CompletableFuture<String> bad;
        final Object[] got;
        final Thread loopThread;

        StageAwaiter(CompletableFuture<String> ok, CompletableFuture<String> bad, Object[] got, Thread loopThread) {
            this.ok = ok;
            this.bad = bad;
            this.got = got;
            this.loopThread = loopThread;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    if (await(ok, 1)) return;
                case 1:
                    got[0] = awaited();
                    got[1] = Thread.currentThread() == loopThread;
                    if (await(bad, 2)) return;
                case 2:
                    try {
                        awaited();
                    } catch (Exception e) {
                        got[2] = e;
                    }
                    returnValue(null);
                    return;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    @Test
    void loopApisFromAForeignThreadFailClearly() throws Exception {
        AtomicReference<Throwable> callSoon = new AtomicReference<>();
        AtomicReference<Throwable> cancel = new AtomicReference<>();
        assertTimeoutPreemptively(BOUND, () -> S.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Void> sleeper = S.start(r -> await(S.sleep(1000)), r -> done());
            return S.start(r -> await(Asyncio.toThread(() -> {
                try {
                    loop.callSoon(() -> {});
                } catch (Throwable e) {
                    callSoon.set(e);
                }
                try {
                    sleeper.cancel();
                } catch (Throwable e) {
                    cancel.set(e);
                }
                return null;
            })), r -> done());
        }));
        assertTrue(callSoon.get() instanceof IllegalStateException, String.valueOf(callSoon.get()));
        assertTrue(callSoon.get().getMessage().contains("callSoonThreadsafe"), callSoon.get().getMessage());
        assertTrue(cancel.get() instanceof IllegalStateException, String.valueOf(cancel.get()));
    }

    @Test
    void awaitingATaskOfAnotherLoopFailsClearly() {
        Promise<?>[] other = new Promise<?>[1];
        S.run(() -> {
            other[0] = new Promise<Void>();
            return Task.completed();
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> S.run(() -> S.start(r -> await(other[0]), r -> done())));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }

    @Test
    void runInExecutorUsesTheGivenExecutor() {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-pool"));
        try {
            String name = assertTimeoutPreemptively(BOUND, () -> S.run(
                    () -> EventLoop.current().runInExecutor(ex, () -> Thread.currentThread().getName())));
            assertEquals("my-pool", name);
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void aPromiseMadeOutsideAnyLoopBindsToTheLoopThatAwaitsIt() {
        Promise<String> p = new Promise<>();
        assertFalse(p.isDone());
        String r = assertTimeoutPreemptively(BOUND, () -> S.run(() -> {
            new Thread(() -> p.complete("late")).start();
            return S.start(x -> await(p), x -> done(x.get()));
        }));
        assertEquals("late", r);
    }

    @Test
    void aFailureAwaitedBeforeItsCrossThreadCompletionReachedTheLoopIsNotReported() {
        List<ErrorReport> reports = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] got = new Throwable[1];
        EventLoop loop = EventLoop.builder().clock(new org.asyncio4j.testing.VirtualClock())
                .exceptionHandler(reports::add).build();
        assertTimeoutPreemptively(BOUND, () -> loop.runUntilComplete(() -> S.start(r -> {
            Promise<Void> p = new Promise<>();
            Thread th = new Thread(() -> p.fail(boom));
            th.start();
            th.join(); // done now; its wake-up is still queued for the loop
            return await(p); // done: no suspension, the failure is retrieved here
        }, r -> {
            got[0] = r.error;
            return await(Asyncio.yieldNow()); // let the queued wake-up run
        }, r -> done())));
        loop.close();
        assertSame(boom, got[0]);
        assertEquals(List.of(), reports);
    }

    @Test
    void completingAPromiseAfterItsLoopClosedStillWorks() throws Exception {
        AtomicReference<Promise<String>> p = new AtomicReference<>();
        S.run(() -> {
            p.set(new Promise<>());
            return Task.completed();
        });
        AtomicReference<Object> r = new AtomicReference<>();
        Thread th = new Thread(() -> r.set(p.get().complete("late")));
        th.start();
        th.join(BOUND.toMillis());
        assertEquals(true, r.get());
        assertTrue(p.get().isDone());
    }
}
