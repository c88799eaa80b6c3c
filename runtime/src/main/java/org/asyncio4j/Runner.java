package org.asyncio4j;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code asyncio.Runner}: one event loop reused for several {@link #run} calls on this thread, then
 * closed by {@link #close()} (use try-with-resources):
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *     runner.run(() -> connect());
 *     runner.run(() -> serve());      // same loop: tasks and connections of the first run live on
 * }
 * }</pre>
 * Each run runs its body as one task until it is done and returns its result (or rethrows its
 * failure); tasks it leaves pending stay on the loop and go on running during the next run. The
 * loop is made on the first run. {@link #close()} does what the end of {@link Asyncio#run} does:
 * cancels the tasks still pending and waits for them, reports leftover failures, shuts the
 * default executor down and closes the loop. Not thread-safe: use a runner from one thread.
 */
public final class Runner implements AutoCloseable {
    private final Clock clock;
    private EventLoop loop;
    private boolean closed;

    /** A runner on the system clock. */
    public Runner() {
        this(Clock.system());
    }

    /**
     * A runner whose loop is driven by {@code clock} (e.g. a {@code VirtualClock} in tests).
     * @param clock the clock of the runner's loop; not null
     */
    public Runner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs {@code main} on this runner's loop, on the calling thread, until it is done; returns its
     * result or rethrows its failure unchanged. Throws {@link IllegalStateException} when called
     * inside a running loop or after {@link #close()}.
     * @param <T> the result type of {@code main}
     * @param main makes the main task when called on the loop thread; not null
     * @return the main task's result
     */
    public <T> T run(Supplier<? extends Task<T>> main) {
        Objects.requireNonNull(main, "main");
        if (EventLoop.currentOrNull() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop:"
                    + " await the task (Await.on(...)) or use Asyncio.createTask(...) instead");
        }
        return loop().runUntilComplete(main);
    }

    /**
     * The runner's loop, made on first use. Throws {@link IllegalStateException} once closed.
     * @return the loop every {@link #run} of this runner uses
     */
    public EventLoop loop() {
        if (closed) {
            throw new IllegalStateException("this Runner is closed: make a new one to run more code");
        }
        if (loop == null) {
            loop = EventLoop.builder().clock(clock).build();
        }
        return loop;
    }

    /**
     * Cancels the tasks still pending and waits for them, reports their failures, shuts the default
     * executor down and closes the loop. Idempotent; a runner that never ran has nothing to close.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        EventLoop l = loop;
        if (l == null) {
            return;
        }
        try {
            Shutdown.cancelAllTasks(l);
        } finally {
            l.close();
        }
    }
}
