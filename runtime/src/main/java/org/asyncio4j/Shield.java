package org.asyncio4j;

/** asyncio.shield. TODO(combinators). */
final class Shield {
    private Shield() {}

    static <T> Task<T> shield(Task<T> task) {
        throw new UnsupportedOperationException("shield: not implemented yet");
    }
}
