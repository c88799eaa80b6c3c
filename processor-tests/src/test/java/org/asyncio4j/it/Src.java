package org.asyncio4j.it;

import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * Tasks for @Async bodies to await, in every state an await can meet: already done, pending and
 * completed later by a timer ({@code Asyncio.sleep(d, v)}) or by a {@code Promise} completed from
 * {@code callLater}, failed (now or later) and cancelled.
 */
final class Src {
    /** Each pending source completes this long after it is created. */
    static final long STEP_MS = 10;

    private Src() {}

    /** How the tasks a blueprint awaits are completed. */
    enum Mode {
        /** Already done: the await takes the fast path. */
        DONE,
        /** {@code Asyncio.sleep(10ms, v)}: completed by a timer. */
        SLEEP,
        /** A {@code Promise} completed by {@code callLater(10ms)}. */
        PROMISE;

        /** Loop time in ms after {@code n} sequential awaits of this mode. */
        long after(int n) {
            return this == DONE ? 0 : n * STEP_MS;
        }
    }

    static <T> Task<T> of(Mode mode, T value) {
        return switch (mode) {
            case DONE -> Task.completed(value);
            case SLEEP -> Asyncio.sleep(Duration.ofMillis(STEP_MS), value);
            case PROMISE -> promise(STEP_MS, value);
        };
    }

    static <T> Task<T> failing(Mode mode, Throwable error) {
        return switch (mode) {
            case DONE -> Task.failed(error);
            case SLEEP, PROMISE -> {
                Promise<T> p = new Promise<>();
                EventLoop.current().callLater(Duration.ofMillis(STEP_MS), () -> p.fail(error));
                yield p;
            }
        };
    }

    static <T> Task<T> promise(long ms, T value) {
        Promise<T> p = new Promise<>();
        EventLoop.current().callLater(Duration.ofMillis(ms), () -> p.complete(value));
        return p;
    }

    static <T> Task<T> cancelled() {
        Promise<T> p = new Promise<>();
        p.cancel();
        return p;
    }

    /** A promise cancelled later, while something awaits it. */
    static <T> Task<T> cancelledLater(long ms) {
        Promise<T> p = new Promise<>();
        EventLoop.current().callLater(Duration.ofMillis(ms), () -> p.cancel());
        return p;
    }

    /** Loop time in ms (exact: tests run on a VirtualClock). */
    static long ms() {
        long ns = EventLoop.current().time();
        if (ns % 1_000_000 != 0) {
            throw new AssertionError("loop time is not a whole number of ms: " + ns);
        }
        return ns / 1_000_000;
    }
}
