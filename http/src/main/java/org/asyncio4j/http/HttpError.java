package org.asyncio4j.http;

/**
 * A request the server refuses before any handler sees it (malformed, too large, too slow): the
 * client gets {@code status} with {@code message} as a plain-text body, then the connection closes.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpError(int status, String message) {
        super(message, null, false, false); // an expected answer to a bad peer: no stack trace to fill
        this.status = status;
    }
}
