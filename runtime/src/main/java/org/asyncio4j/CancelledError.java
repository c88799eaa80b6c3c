package org.asyncio4j;

/**
 * Raised at a task's current await when it is cancelled. Like asyncio's {@code CancelledError}
 * (a {@code BaseException}) it extends {@link Error}, so {@code catch (Exception e)} does not
 * swallow a cancellation.
 */
public final class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

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
}
