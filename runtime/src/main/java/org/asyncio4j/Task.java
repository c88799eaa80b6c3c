package org.asyncio4j;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The outcome of an asynchronous computation, asyncio's {@code Future}/{@code Task}.
 *
 * <p>Every task belongs to one {@link EventLoop}; its methods other than {@link #isDone()} must be
 * called on that loop's thread. Done callbacks never run inline: they are scheduled on the loop, in
 * registration order, as asyncio's {@code call_soon}.
 * @param <T> the type of the task's result ({@link Void} for none)
 */
public interface Task<T> {

    /**
     * True once the task has a result, a failure, or was cancelled.
     * @return true if the task is no longer pending
     */
    boolean isDone();

    /**
     * True if the task ended cancelled.
     * @return true if the task was cancelled and ended with {@link CancelledError}
     */
    boolean isCancelled();

    /**
     * The result. Rethrows the failure unchanged (checked exceptions too), throws
     * {@link CancelledError} if the task was cancelled and {@link IllegalStateException} while it
     * is pending.
     * @return the value the task completed with (null for a {@code Task<Void>})
     */
    T result();

    /**
     * The failure, or null if the task succeeded. Throws {@link CancelledError} if cancelled and
     * {@link IllegalStateException} while pending. Marks the failure as retrieved.
     * @return the task's exception, or null if it completed normally
     */
    Throwable exception();

    /**
     * Requests cancellation; false if the task is already done.
     * @return true if the request was made (the task will see {@link CancelledError} at its next await), false if it is
     *     already done
     */
    default boolean cancel() {
        return cancel(null);
    }

    /**
     * Requests cancellation with a message carried by the {@link CancelledError}.
     * @param msg a message for the {@link CancelledError} the task sees, or null for none
     * @return true if the request was made, false if the task is already done
     */
    boolean cancel(String msg);

    /**
     * Number of pending cancellation requests (asyncio 3.11+ {@code cancelling()}).
     * @return how many cancellation requests are pending (0 when none)
     */
    int cancelling();

    /**
     * Decrements {@link #cancelling()} and returns the new count.
     * @return the number of cancellation requests still pending after this one was withdrawn
     */
    int uncancel();

    /**
     * The task's name: the one given by {@link #setName}, or {@code Task-<n>} by default.
     * @return the name, never null
     */
    String name();

    /**
     * Renames the task; the name shows in task dumps, debug reports and error reports.
     * @param name the new name
     */
    void setName(String name);

    /**
     * Adds a callback run on the loop (never inline) once the task is done.
     * @param callback called with this task once it is done; not null. A callback added to a task already done runs on
     *     the next loop iteration
     */
    void addDoneCallback(Consumer<? super Task<T>> callback);

    /**
     * Removes every registration of {@code callback}; returns how many were removed.
     * @param callback the callback to remove, compared with {@code equals}
     * @return the number of registrations removed (0 if it was not registered)
     */
    int removeDoneCallback(Consumer<? super Task<T>> callback);

    /**
     * A {@link CompletableFuture} completed (on the loop thread) when this task is done.
     * @return a future that completes with the task's result, failure or cancellation; cancelling it does not cancel
     *     the task
     */
    CompletableFuture<T> toCompletableFuture();

    /**
     * A task that already succeeded with {@code value}. Needs no running loop.
     * @param <T> the result type
     * @param value the result, may be null
     * @return a done task whose {@link #result()} is {@code value}
     */
    static <T> Task<T> completed(T value) {
        return new Completed<>(value);
    }

    /**
     * A {@code Task<Void>} that already succeeded.
     * @return a done task whose result is null
     */
    static Task<Void> completed() {
        return Completed.VOID;
    }

    /**
     * A task that already failed with {@code failure}.
     * @param <T> the result type the caller expects
     * @param failure the exception {@link #result()} rethrows; not null
     * @return a done task that failed with {@code failure}
     */
    static <T> Task<T> failed(Throwable failure) {
        if (failure == null) {
            throw new NullPointerException("Task.failed(null): pass the exception the task failed with");
        }
        return Completed.failed(failure);
    }

    /**
     * The task running on the current thread's loop, or null when the loop is running a plain
     * callback. Throws {@link IllegalStateException} when no loop runs on this thread.
     * @return the current task, or null outside a task
     */
    static Task<?> current() {
        return EventLoop.current().currentTask();
    }
}
