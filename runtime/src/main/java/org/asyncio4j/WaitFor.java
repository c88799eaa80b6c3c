package org.asyncio4j;

import java.time.Duration;

/** asyncio.wait_for. TODO(combinators). */
final class WaitFor {
    private WaitFor() {}

    static <T> Task<T> waitFor(Task<T> task, Duration timeout) {
        throw new UnsupportedOperationException("waitFor: not implemented yet");
    }
}
