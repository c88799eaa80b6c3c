package org.asyncio4j.postgres;

import org.asyncio4j.AsyncTimeoutException;

/** No connection of the pool became free within {@link PoolConfig#acquireTimeout()}. */
public final class PoolTimeoutException extends AsyncTimeoutException {
    private static final long serialVersionUID = 1L;

    PoolTimeoutException(String message) {
        super(message);
    }
}
