package org.asyncio4j;

/** asyncio's {@code TimeoutError}: raised by {@code waitFor}, {@code timeout} and {@code asCompleted}. */
public class AsyncTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AsyncTimeoutException() {
        super();
    }

    public AsyncTimeoutException(String message) {
        super(message);
    }

    public AsyncTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
