package org.asyncio4j;

import java.util.NoSuchElementException;

/** {@link AsyncIterable#end()}: the value a generator body returns, and an empty iterable. */
final class End implements AsyncIterable<Object>, AsyncIterator<Object> {
    static final End INSTANCE = new End();

    private static final Task<Boolean> FALSE = Task.completed(false);

    private End() {}

    @Override
    public AsyncIterator<Object> iterator() {
        return this;
    }

    @Override
    public Task<Boolean> hasNext() {
        return FALSE;
    }

    @Override
    public Object next() {
        throw new NoSuchElementException("AsyncIterable.end() has no elements");
    }

    @Override
    public String toString() {
        return "AsyncIterable.end()";
    }
}
