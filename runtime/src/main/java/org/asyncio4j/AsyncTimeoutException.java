package org.asyncio4j;

/** asyncio's {@code TimeoutError}: raised by {@code waitFor}, {@code timeout} and {@code asCompleted}. */
public class AsyncTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A timeout without a message. */
    public AsyncTimeoutException() {
        super();
    }

    /**
     * A timeout with {@code message}.
     * @param message what timed out and after how long
     */
    public AsyncTimeoutException(String message) {
        super(message);
    }

    /**
     * A timeout with {@code message}, caused by {@code cause} (usually the {@link CancelledError} the deadline caused).
     * @param message what timed out and after how long
     * @param cause the underlying exception, or null
     */
    public AsyncTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
