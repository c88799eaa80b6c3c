package org.asyncio4j.swing;

/** Rethrows a task's failure unchanged, checked or not (as {@code Asyncio.run} does). */
final class Rethrow {
    private Rethrow() {}

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E unchecked(Throwable t) throws E {
        throw (E) t;
    }
}
