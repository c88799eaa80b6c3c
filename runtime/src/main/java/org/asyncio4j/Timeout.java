package org.asyncio4j;

import java.time.Duration;

/** asyncio.timeout / timeout_at. TODO(combinators): the full state machine of asyncio.timeouts. */
public final class Timeout implements AsyncCloseable {
    private Timeout() {}

    static Timeout after(Duration delay) {
        throw new UnsupportedOperationException("timeout: not implemented yet");
    }

    static Timeout at(long when) {
        throw new UnsupportedOperationException("timeoutAt: not implemented yet");
    }

    public void reschedule(long loopTimeNanos) {
        throw new UnsupportedOperationException();
    }

    public boolean expired() {
        throw new UnsupportedOperationException();
    }

    public long when() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Task<Void> closeAsync(Throwable pending) {
        throw new UnsupportedOperationException();
    }
}
