package org.asyncio4j.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Blueprint for cancellation at every await point. Await #k is pending during loop time
 * [10k, 10k+10) ms; each is a different kind of place: plain, a Promise, inside try/finally, inside
 * a catch, inside finally, and the exit of an AsyncCloseable resource.
 */
public class Cancels extends Fixture {
    /** The tasks awaited, in order: a cancel travels into the one pending. */
    final List<Task<?>> awaited = new ArrayList<>();

    <T> Task<T> step(Task<T> t) {
        awaited.add(t);
        return t;
    }

    Task<Void> sleep() {
        return step(Asyncio.sleep(Duration.ofMillis(10)));
    }

    class Plain implements AutoCloseable {
        @Override
        public void close() {
            log("close P t=" + Src.ms());
        }
    }

    class Cm implements AsyncCloseable {
        @Override
        public Task<Void> closeAsync(Throwable pending) {
            log("exit CM exc=" + (pending == null ? "None" : pending.getClass().getSimpleName()) + " t=" + Src.ms());
            return sleep();
        }
    }

    @Async
    Task<String> sixAwaits() {
        log("start");
        try (Plain p = new Plain(); Cm cm = new Cm()) {
            try {
                Await.on(sleep());
                log("after0");
                Await.on(step(Src.promise(10, "p")));
                log("after1");
                try {
                    Await.on(sleep());
                    log("after2");
                } finally {
                    log("inner finally");
                }
                try {
                    throw new IllegalStateException("x");
                } catch (IllegalStateException e) {
                    Await.on(sleep());
                    log("after3");
                }
            } finally {
                log("finally");
                Await.on(sleep());
                log("after4");
            }
            log("body end");
        }
        log("end");
        return Task.completed("done");
    }

    /** Catches the CancelledError at its await and goes on: the task completes (asyncio allows it). */
    @Async
    Task<String> swallows() {
        try {
            Await.on(sleep());
            return Task.completed("not cancelled");
        } catch (CancelledError e) {
            log("caught cancel t=" + Src.ms());
        }
        Await.on(sleep());
        return Task.completed("swallowed t=" + Src.ms());
    }

    /** A loop awaiting in each iteration: cancelled in the third. */
    @Async
    Task<Integer> loop() {
        int i = 0;
        try {
            while (true) {
                Await.on(sleep());
                i++;
            }
        } finally {
            log("loop finally i=" + i);
        }
    }

    /** Awaits a child @Async task: cancelling the parent cancels the child at its own await. */
    @Async
    Task<String> parent() {
        try {
            return Task.completed(Await.on(child()));
        } finally {
            log("parent finally");
        }
    }

    @Async
    Task<String> child() {
        try {
            Await.on(sleep());
            return Task.completed("child done");
        } finally {
            log("child finally");
        }
    }
}
