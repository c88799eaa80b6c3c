package org.asyncio4j.postgres;

import java.time.Duration;

/**
 * How a {@link Postgres} pool behaves.
 *
 * @param size           connections opened at most; tasks beyond that wait in a FIFO queue
 * @param acquireTimeout how long a task waits for a free connection before {@link PoolTimeoutException}
 *                       (null: forever)
 * @param queryTimeout   the default per-query limit; past it the query is cancelled on the server and
 *                       {@link QueryTimeoutException} is thrown (null: no limit)
 */
public record PoolConfig(int size, Duration acquireTimeout, Duration queryTimeout) {
    /**
     * Checks the values; a bad one gets a message saying which and what is allowed.
     * @param size connections opened at most; at least 1
     * @param acquireTimeout how long a task waits for a connection; zero or more, or null for forever
     * @param queryTimeout the default per-query limit; positive, or null for no limit
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     */
    public PoolConfig {
        if (size < 1) {
            throw new IllegalArgumentException("PoolConfig.size must be >= 1 (the number of connections), got " + size);
        }
        if (acquireTimeout != null && acquireTimeout.isNegative()) {
            throw new IllegalArgumentException("PoolConfig.acquireTimeout must be >= 0 or null (wait forever), got " + acquireTimeout);
        }
        if (queryTimeout != null && (queryTimeout.isNegative() || queryTimeout.isZero())) {
            throw new IllegalArgumentException("PoolConfig.queryTimeout must be > 0 or null (no limit), got " + queryTimeout);
        }
    }

    /**
     * {@code size} connections, a 30 s acquire timeout and a 30 s query timeout.
     * @param size connections opened at most; at least 1
     * @return the configuration
     */
    public static PoolConfig of(int size) {
        return new PoolConfig(size, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
}
