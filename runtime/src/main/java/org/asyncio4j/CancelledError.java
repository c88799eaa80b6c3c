package org.asyncio4j;

/**
 * Raised at a task's current await when it is cancelled. Like asyncio's {@code CancelledError}
 * (a {@code BaseException}) it extends {@link Error}, so {@code catch (Exception e)} does not
 * swallow a cancellation.
 *
 * <p>{@link #getMessage()} is the message given to {@link Task#cancel(String)} (null without one), as
 * asyncio's {@code args}. What the runtime knows about who cancelled the task is in {@link #reason()}
 * and in {@link #toString()} (so in every printed stack trace), never in the message.
 */
public final class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** Who cancelled, set by the runtime; rendered only when read. Not serialized. */
    transient CancelOrigin origin;

    /** A cancellation without a message. */
    public CancelledError() {
        super();
    }

    /**
     * A cancellation carrying {@code message} (asyncio's {@code cancel(msg)}).
     * @param message the cancel message, or null
     */
    public CancelledError(String message) {
        super(message);
    }

    /**
     * A cancellation carrying {@code message}, caused by {@code cause}.
     * @param message the cancel message, or null
     * @param cause what led to the cancellation, or null
     */
    public CancelledError(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Who cancelled the task, when the runtime knows: {@code "Task-7 was cancelled by Task-3"}, {@code
     * "... by the TaskGroup of Task-1 because Task-4 failed"}, {@code "... by the timeout of 2 s ..."};
     * in debug mode with the source line of the {@code cancel()} call. Null for a CancelledError the
     * runtime did not make.
     *
     * @return the reason, or null when unknown
     */
    public String reason() {
        CancelOrigin o = origin;
        return o == null ? null : o.describe();
    }

    /** The class and message as usual, then the {@link #reason()} in parentheses when known. */
    @Override
    public String toString() {
        String s = super.toString();
        String r = reason();
        return r == null ? s : s + " (" + r + ")";
    }
}
