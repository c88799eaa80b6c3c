package org.asyncio4j.swing;

import java.awt.EventQueue;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * An asyncio4j event loop on Swing's event dispatch thread (EDT): asyncio4j's answer to Python's
 * qasync. Every task step and callback runs on the EDT, so {@code @Async} code may read and update
 * widgets between awaits; while the loop waits (for sockets, timers, {@code toThread} work),
 * Swing goes on dispatching its events, so the UI never freezes.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     SwingLoop.run(() -> new AsyncApp().main());   // main builds the window, then awaits its closing
 * }
 * // in a listener (it runs on the EDT, inside the loop):
 * button.addActionListener(e -> Asyncio.createTask(() -> download(progressBar)));
 * }</pre>
 *
 * <p>How: the loop runs inside one EDT event and never blocks it. Where a normal loop would block,
 * a waiter thread performs the wait (the selector's select, or a park until the next timer) while
 * the EDT dispatches Swing events through a {@link java.awt.SecondaryLoop}, the mechanism modal
 * dialogs use; when the wait ends the loop resumes on the EDT and runs what became ready there.
 * Swing listeners that run meanwhile are on the loop's thread: they may create and cancel tasks and
 * complete promises directly, and the loop wakes for that work at once. With work always ready the
 * loop still lets Swing dispatch its queued events at least every 10 ms, and at every iteration
 * under a {@code VirtualClock} (one exact order for tests).
 *
 * <p>Limits: a step that blocks (a modal {@code JOptionPane} shown from a task, a long computation)
 * holds the loop until it returns, as in any event loop: await {@code Asyncio.toThread(...)} for
 * work, show dialogs from a listener. A modal dialog opened by a listener while the loop waits
 * delays the loop until the dialog closes (it nests its own event pump inside the loop's).
 */
public final class SwingLoop {
    private SwingLoop() {}

    /**
     * Runs {@code main} on a new loop on the EDT until it is done (then cancels the tasks left,
     * shuts the default executor down and closes the loop, as {@link Asyncio#run} does) and returns
     * its result or rethrows its failure unchanged. Blocks the calling thread; called on the EDT it
     * runs the loop in place (Swing's events go on being dispatched while the loop waits).
     *
     * @param <T> the result type
     * @param main the program: an {@code @Async} call or an async lambda
     * @return main's result
     */
    public static <T> T run(Supplier<? extends Task<T>> main) {
        return run(main, RunOptions.defaults());
    }

    /**
     * As {@link #run(Supplier)}, with the clock and debug settings of {@code options} (e.g. a
     * {@code VirtualClock} in tests).
     *
     * @param <T> the result type
     * @param main the program
     * @param options the clock and debug settings; their host is replaced by the EDT's
     * @return main's result
     */
    public static <T> T run(Supplier<? extends Task<T>> main, RunOptions options) {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(options, "options");
        if (EventQueue.isDispatchThread()) {
            return runHere(main, options);
        }
        try {
            return start(main, options).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Swing loop's main to finish"
                    + " (the loop goes on running on the event dispatch thread)", e);
        } catch (ExecutionException e) {
            throw Rethrow.<RuntimeException>unchecked(e.getCause());
        }
    }

    /**
     * Starts {@code main} on a new loop on the EDT and returns at once; callable from any thread.
     * The future completes with main's result or failure once main is done and the loop closed.
     *
     * @param <T> the result type
     * @param main the program
     * @return main's outcome
     */
    public static <T> CompletableFuture<T> start(Supplier<? extends Task<T>> main) {
        return start(main, RunOptions.defaults());
    }

    /**
     * As {@link #start(Supplier)}, with the clock and debug settings of {@code options}.
     *
     * @param <T> the result type
     * @param main the program
     * @param options the clock and debug settings; their host is replaced by the EDT's
     * @return main's outcome
     */
    public static <T> CompletableFuture<T> start(Supplier<? extends Task<T>> main, RunOptions options) {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(options, "options");
        CompletableFuture<T> outcome = new CompletableFuture<>();
        EventQueue.invokeLater(() -> {
            try {
                outcome.complete(runHere(main, options));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return outcome;
    }

    /** Runs the loop on this thread, the EDT. */
    private static <T> T runHere(Supplier<? extends Task<T>> main, RunOptions options) {
        assert EventQueue.isDispatchThread();
        if (isRunning()) {
            throw new IllegalStateException("a loop already runs on the event dispatch thread: start more work in it"
                    + " with Asyncio.createTask(...) (Swing listeners run on the loop's thread) instead of a second loop");
        }
        SwingHost host = new SwingHost();
        try {
            return Asyncio.run(main, options.host(host));
        } finally {
            host.close();
        }
    }

    /**
     * Whether a loop runs on the calling thread: true on the EDT while a {@code SwingLoop} runs, so
     * a listener can tell whether it may start tasks with {@code Asyncio.createTask}.
     *
     * @return true if {@code EventLoop.current()} would succeed here
     */
    public static boolean isRunning() {
        try {
            EventLoop.current();
            return true;
        } catch (IllegalStateException none) {
            return false;
        }
    }
}
