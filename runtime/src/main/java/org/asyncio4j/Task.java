package org.asyncio4j;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The outcome of an asynchronous computation, asyncio's {@code Future}/{@code Task}.
 *
 * <p>Every task belongs to one {@link EventLoop}; its methods other than {@link #isDone()} must be
 * called on that loop's thread. Done callbacks never run inline: they are scheduled on the loop, in
 * registration order, as asyncio's {@code call_soon}.
 */
public interface Task<T> {

    /** True once the task has a result, a failure, or was cancelled. */
    boolean isDone();

    /** True if the task ended cancelled. */
    boolean isCancelled();

    /**
     * The result. Rethrows the failure unchanged (checked exceptions too), throws
     * {@link CancelledError} if the task was cancelled and {@link IllegalStateException} while it
     * is pending.
     */
    T result();

    /**
     * The failure, or null if the task succeeded. Throws {@link CancelledError} if cancelled and
     * {@link IllegalStateException} while pending. Marks the failure as retrieved.
     */
    Throwable exception();

    /** Requests cancellation; false if the task is already done. */
    default boolean cancel() {
        return cancel(null);
    }

    /** Requests cancellation with a message carried by the {@link CancelledError}. */
    boolean cancel(String msg);

    /** Number of pending cancellation requests (asyncio 3.11+ {@code cancelling()}). */
    int cancelling();

    /** Decrements {@link #cancelling()} and returns the new count. */
    int uncancel();

    String name();

    void setName(String name);

    /** Adds a callback run on the loop (never inline) once the task is done. */
    void addDoneCallback(Consumer<? super Task<T>> callback);

    /** Removes every registration of {@code callback}; returns how many were removed. */
    int removeDoneCallback(Consumer<? super Task<T>> callback);

    /** A {@link CompletableFuture} completed (on the loop thread) when this task is done. */
    CompletableFuture<T> toCompletableFuture();

    /** A task that already succeeded with {@code value}. Needs no running loop. */
    static <T> Task<T> completed(T value) {
        return new Completed<>(value);
    }

    /** A {@code Task<Void>} that already succeeded. */
    static Task<Void> completed() {
        return Completed.VOID;
    }

    /** A task that already failed with {@code failure}. */
    static <T> Task<T> failed(Throwable failure) {
        if (failure == null) {
            throw new NullPointerException("Task.failed(null): pass the exception the task failed with");
        }
        return Completed.failed(failure);
    }

    /**
     * The task running on the current thread's loop, or null when the loop is running a plain
     * callback. Throws {@link IllegalStateException} when no loop runs on this thread.
     */
    static Task<?> current() {
        return EventLoop.current().currentTask();
    }
}
