package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 2: cancelling a task cancels what it awaits outside the loop, as asyncio's
 * {@code wrap_future}: the CompletionStage's future, and an executor job not yet started.
 */
class CancelSourceTest {
    final List<String> log = new ArrayList<>();
    /** Written by executor threads. */
    final List<String> workerLog = Collections.synchronizedList(new ArrayList<>());

    @Test
    void cancellingATaskAwaitingACompletableFutureCancelsTheFuture() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        S.run(() -> {
            Task<Object> t = Asyncio.createTask(() -> S.start(r -> await(Promise.from(EventLoop.current(), cf)),
                    r -> done(r.get())));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                log.add("cancel=" + t.cancel("enough"));
                return await(t);
            }, r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("task cancelled: " + e.getMessage() + "@" + S.t());
                }
                return done();
            });
        });
        assertEquals(List.of("cancel=true", "task cancelled: enough@0"), log);
        assertTrue(cf.isCancelled(), "the CompletableFuture must be cancelled with the task awaiting it");
    }

    /** asyncio: awaiting wrap_future(f) where f gets cancelled raises CancelledError; the task ends cancelled. */
    @Test
    void aFutureCancelledAtItsSourceCancelsTheAwaitingTask() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        S.run(() -> {
            Task<Object> t = Asyncio.createTask(() -> S.start(r -> await(Promise.from(EventLoop.current(), cf)),
                    r -> done(r.get())));
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                cf.cancel(true);
                return await(Asyncio.gatherSettled(List.of(t)));
            }, r -> {
                log.add("cancelled=" + t.isCancelled() + "@" + S.t());
                return done();
            });
        });
        assertEquals(List.of("cancelled=true@0"), log);
    }

    /**
     * One worker: job 1 runs (blocked on a latch), job 2 waits in the queue. Cancelling the task
     * awaiting job 2 removes it (it never runs); cancelling the task awaiting job 1 leaves it running
     * to its end, its result dropped (asyncio: concurrent.futures.Future.cancel()).
     */
    @Test
    void cancellingATaskAwaitingAQueuedJobRemovesTheJobAndARunningOneRunsOn() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        CountDownLatch release = new CountDownLatch(1);
        try {
            S.run(() -> {
                EventLoop loop = EventLoop.current();
                Promise<Void> started = new Promise<>();
                Task<String> job1 = loop.runInExecutor(pool, () -> {
                    started.complete(null);
                    release.await();
                    workerLog.add("job1 ran to its end");
                    return "one";
                });
                Task<String> job2 = loop.runInExecutor(pool, () -> {
                    workerLog.add("job2 ran");
                    return "two";
                });
                Task<String> t1 = Asyncio.createTask(() -> S.start(r -> await(job1), r -> done(r.get())));
                Task<String> t2 = Asyncio.createTask(() -> S.start(r -> await(job2), r -> done(r.get())));
                // A yield first: t1 and t2 take their first step and await their jobs.
                return S.start(r -> await(Asyncio.yieldNow()), r -> await(started), r -> {
                    log.add("queued=" + pool.getQueue().size());
                    t2.cancel();
                    t1.cancel();
                    log.add("queued after cancel=" + pool.getQueue().size());
                    release.countDown();
                    return await(Asyncio.gatherSettled(List.of(t1, t2)));
                }, r -> {
                    log.add("t1 cancelled=" + t1.isCancelled() + " t2 cancelled=" + t2.isCancelled());
                    return done();
                });
            });
        } finally {
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the pool's worker did not end");
        }
        assertEquals(List.of("queued=1", "queued after cancel=0", "t1 cancelled=true t2 cancelled=true"), log);
        assertEquals(List.of("job1 ran to its end"), workerLog);
    }
}
