package org.asyncio4j;

import java.util.List;

/** gather / gatherSettled. TODO(combinators): implemented by the combinators work. */
final class Gather {
    private Gather() {}

    static <T> Task<List<T>> gather(List<? extends Task<? extends T>> tasks) {
        throw new UnsupportedOperationException("gather: not implemented yet");
    }

    static <T> Task<List<Outcome<T>>> gatherSettled(List<? extends Task<? extends T>> tasks) {
        throw new UnsupportedOperationException("gatherSettled: not implemented yet");
    }
}
