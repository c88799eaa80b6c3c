package org.asyncio4j.postgres;

import io.vertx.core.impl.VertxThread;
import io.vertx.core.spi.VertxThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records the threads one Vert.x instance makes, so that {@link Postgres#closeAsync} can wait until
 * they have really ended: {@code Vertx.close()} completes from inside the last event-loop thread,
 * a moment before that thread exits. Uses Vert.x's internal bootstrap (the public builder has no
 * thread factory); the version is pinned by the vertx-stack-depchain BOM.
 */
final class VertxThreads implements VertxThreadFactory {
    private final List<Thread> made = new ArrayList<>();

    @Override
    public VertxThread newVertxThread(Runnable target, String name, boolean worker, long maxExecTime, TimeUnit unit) {
        VertxThread t = VertxThreadFactory.INSTANCE.newVertxThread(target, name, worker, maxExecTime, unit);
        synchronized (made) {
            made.add(t);
        }
        return t;
    }

    /** How many threads were made so far. */
    int count() {
        synchronized (made) {
            return made.size();
        }
    }

    /** Joins every thread made, 10 s at most in all; throws naming any still alive. Blocking: run it off the loop. */
    Void joinAll() throws InterruptedException {
        List<Thread> all;
        synchronized (made) {
            all = new ArrayList<>(made);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> alive = new ArrayList<>();
        for (Thread t : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (t.isAlive()) {
                alive.add(t.getName());
            }
        }
        if (!alive.isEmpty()) {
            throw new IllegalStateException("Vert.x threads still running 10 s after the pool closed: " + alive);
        }
        return null;
    }
}
