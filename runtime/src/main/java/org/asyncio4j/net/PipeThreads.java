package org.asyncio4j.net;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The helper threads behind pipes: Java's process streams cannot join a selector, so each open pipe
 * being read (and each pipe with pending writes) occupies one pooled daemon thread that blocks on it
 * and hands data to the loop with {@code callSoonThreadsafe}. Threads are reused and end after a few
 * idle seconds.
 */
final class PipeThreads {
    private PipeThreads() {}

    private static final AtomicInteger COUNT = new AtomicInteger();
    /** Threads blocked in a pipe right now (tests check that none is left behind). */
    static final AtomicInteger ACTIVE = new AtomicInteger();

    static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "asyncio4j-pipe-" + COUNT.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    static void run(Runnable body) {
        ACTIVE.incrementAndGet();
        POOL.execute(() -> {
            try {
                body.run();
            } finally {
                ACTIVE.decrementAndGet();
            }
        });
    }
}
