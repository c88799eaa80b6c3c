package org.asyncio4j;

import java.time.Duration;
import java.util.Collection;

/** asyncio.wait. TODO(combinators). */
final class Wait {
    private Wait() {}

    static <T> Task<Done<T>> wait(Collection<? extends Task<T>> tasks, ReturnWhen returnWhen, Duration timeoutOrNull) {
        throw new UnsupportedOperationException("wait: not implemented yet");
    }
}
