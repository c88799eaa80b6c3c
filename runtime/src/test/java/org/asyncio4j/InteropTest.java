package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 18: Asyncio.wrap (wrap_future) and EventLoop.submit (run_coroutine_threadsafe). */
class InteropTest {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** waitFor(wrap(stage), 50 ms): at the deadline the task is cancelled and so is the stage's future. */
    @Test
    void aTimeoutOnAWrappedStageCancelsTheStage() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        S.run(() -> S.start(r -> await(Asyncio.waitFor(Asyncio.wrap(cf), Duration.ofMillis(50))), r -> {
            try {
                r.get();
            } catch (AsyncTimeoutException e) {
                log.add("timeout@" + S.t() + " stage cancelled=" + cf.isCancelled());
            }
            return done();
        }));
        assertEquals(List.of("timeout@50 stage cancelled=true"), log);
    }

    @Test
    void aWrappedStageCompletedOnAnotherThreadGivesItsValueAndUnwrapsItsFailure() throws Exception {
        CompletableFuture<String> ok = new CompletableFuture<>();
        CompletableFuture<String> bad = ok.thenApply(s -> {
            throw new IllegalArgumentException("bad " + s);
        });
        Thread other = new Thread(() -> ok.complete("v"), "completer");
        S.run(() -> {
            Task<String> a = Asyncio.wrap(ok);
            Task<String> b = Asyncio.wrap(bad);
            other.start();
            return S.start(r -> await(Asyncio.gatherSettled(List.of(a, b))), r -> {
                List<Outcome<String>> o = r.get();
                log.add(o.get(0).value() + " " + o.get(1).failure());
                return done();
            });
        });
        other.join();
        assertEquals(List.of("v java.lang.IllegalArgumentException: bad v"), log);
        assertThrows(NullPointerException.class, () -> S.run(() -> Asyncio.wrap(null)));
    }

    /** A foreign thread submits a task and blocks on its future: the value arrives at loop time 100. */
    @Test
    void submitFromAForeignThreadRunsTheBodyOnTheLoopAndCompletesTheFuture() throws Exception {
        Thread[] other = new Thread[1];
        String got = S.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<String> back = new Promise<>();
            other[0] = new Thread(() -> {
                CompletableFuture<String> cf = loop.submit(() -> S.start(r -> {
                    log.add("body on loop thread=" + (Thread.currentThread() != other[0]));
                    return await(S.sleep(100));
                }, r -> done("x@" + S.t())));
                try {
                    back.complete(cf.get(60, TimeUnit.SECONDS));
                } catch (Exception e) {
                    back.fail(e);
                }
            }, "submitter");
            other[0].start();
            return S.start(r -> await(back), r -> done(r.get()));
        });
        other[0].join();
        assertEquals("x@100", got);
        assertEquals(List.of("body on loop thread=true"), log);
    }

    /** Cancelling the future from the foreign thread cancels the running task at its await. */
    @Test
    void cancellingTheSubmittedFutureFromAForeignThreadCancelsTheTask() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] other = new Thread[1];
        CompletableFuture<?>[] cf = new CompletableFuture<?>[1];
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> ended = new Promise<>();
            other[0] = new Thread(() -> {
                cf[0] = loop.submit(() -> S.start(r -> {
                    started.countDown();
                    // Not a sleep: the virtual clock would jump past it before the other thread acts.
                    return await(new Promise<Void>());
                }, r -> {
                    try {
                        return done(r.get());
                    } catch (CancelledError e) {
                        log.add("task cancelled@" + S.t());
                        throw e;
                    } finally {
                        ended.complete(null);
                    }
                }));
                try {
                    started.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                cf[0].cancel(true);
            }, "canceller");
            other[0].start();
            return S.start(r -> await(ended), r -> done(r.get()));
        });
        other[0].join();
        assertEquals(List.of("task cancelled@0"), log);
        assertTrue(cf[0].isCancelled());
    }

    /** A task that ends cancelled cancels the future; a failure fails it; one cancelled before its start never runs. */
    @Test
    void theSubmittedFutureTakesTheTasksOutcome() {
        List<CompletableFuture<Object>> fs = new ArrayList<>();
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            fs.add(loop.submit(() -> S.start(r -> {
                Task.current().cancel("self");
                return await(S.sleep(5));
            }, r -> done(r.get()))));
            fs.add(loop.submit(() -> S.start(r -> await(S.sleep(5)), r -> {
                throw new IllegalStateException("boom@" + S.t());
            })));
            CompletableFuture<Object> early = loop.submit(() -> {
                log.add("early body ran");
                return Task.completed("no");
            });
            early.cancel(false);
            fs.add(early);
            return S.start(r -> await(S.sleep(10)), r -> done());
        });
        assertTrue(fs.get(0).isCancelled());
        ExecutionException e = assertThrows(ExecutionException.class, () -> fs.get(1).get());
        assertEquals("boom@5", e.getCause().getMessage());
        assertThrows(CancellationException.class, () -> fs.get(2).join());
        assertEquals(List.of(), log);
    }

    @Test
    void aSubmissionStillQueuedWhenTheLoopClosesIsCancelledNotLeftPending() {
        EventLoop loop = EventLoop.builder().build();
        boolean[] ran = new boolean[1];
        CompletableFuture<Integer> f = loop.submit(() -> {
            ran[0] = true;
            return Task.completed(1);
        });
        loop.close(); // never ran: the queued submission is dropped with the loop
        assertTrue(f.isCancelled());
        assertEquals(false, ran[0]);
        assertThrows(IllegalStateException.class, () -> loop.submit(() -> Task.completed(2)));
    }
}
