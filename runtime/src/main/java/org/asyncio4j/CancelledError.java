package org.asyncio4j;

/**
 * Raised at a task's current await when it is cancelled. Like asyncio's {@code CancelledError}
 * (a {@code BaseException}) it extends {@link Error}, so {@code catch (Exception e)} does not
 * swallow a cancellation.
 */
public final class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    public CancelledError() {
        super();
    }

    public CancelledError(String message) {
        super(message);
    }

    public CancelledError(String message, Throwable cause) {
        super(message, cause);
    }
}
