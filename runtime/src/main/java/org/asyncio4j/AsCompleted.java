package org.asyncio4j;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** asyncio.as_completed. TODO(combinators). */
final class AsCompleted {
    private AsCompleted() {}

    static <T> List<Task<T>> asCompleted(Collection<? extends Task<T>> tasks, Duration timeoutOrNull) {
        throw new UnsupportedOperationException("asCompleted: not implemented yet");
    }
}
