package org.asyncio4j;

import java.util.Set;

/**
 * The result of {@code Asyncio.wait}: the tasks that are done and those still pending (in argument order).
 * @param <T> the result type of the waited tasks
 */
public final class Done<T> {
    private final Set<Task<T>> done;
    private final Set<Task<T>> pending;

    Done(Set<Task<T>> done, Set<Task<T>> pending) {
        this.done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        this.pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }

    /**
     * The tasks that were done when {@code wait} returned, in argument order.
     * @return an unmodifiable set of done tasks
     */
    public Set<Task<T>> done() {
        return done;
    }

    /**
     * The tasks still pending when {@code wait} returned, in argument order; {@code wait} does not cancel them.
     * @return an unmodifiable set of pending tasks
     */
    public Set<Task<T>> pending() {
        return pending;
    }

    @Override
    public String toString() {
        return "Done[done=" + done + ", pending=" + pending + "]";
    }
}
