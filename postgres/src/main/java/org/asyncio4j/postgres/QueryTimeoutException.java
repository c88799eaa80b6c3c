package org.asyncio4j.postgres;

import org.asyncio4j.AsyncTimeoutException;

/**
 * A query ran past its timeout; it was cancelled on the server (a PostgreSQL cancel request) before
 * this was thrown, so the server no longer runs it. The cause is the server's error (SQLSTATE 57014)
 * when the cancel arrived while the statement ran.
 */
public final class QueryTimeoutException extends AsyncTimeoutException {
    private static final long serialVersionUID = 1L;

    QueryTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
