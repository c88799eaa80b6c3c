package org.asyncio4j;

import java.util.List;

/**
 * A source of elements produced asynchronously: {@code async for} in Python. Consume it in an
 * {@code @Async} body with {@code for (T x : Await.each(source))}, or collect it with
 * {@link #toList()} (Python's {@code [x async for x in source]}).
 *
 * <p>An {@code @Async} method that returns {@code AsyncIterable<T>} is an async generator: it emits
 * with {@code Await.yield(x)} and ends with {@code return AsyncIterable.end();}. Unlike a Python
 * async generator object, which runs once, each {@link #iterator()} call on a generator's iterable
 * starts a fresh run of its body.
 * @param <T> the element type
 */
public interface AsyncIterable<T> {

    /**
     * A fresh iterator; for a generator, a fresh run of its body (nothing runs before its first {@code hasNext()}).
     * @return a new iterator over the elements
     */
    AsyncIterator<T> iterator();

    /**
     * Every element, in order. The iterator is closed when the list is complete, when an element
     * fails (the failure then fails the returned task), and when the returned task is cancelled.
     * @return a task completing with the elements in order
     */
    default Task<List<T>> toList() {
        return ToList.start(iterator());
    }

    /**
     * What an async generator returns when its body ends ({@code return AsyncIterable.end();}); as an
     * iterable of its own it is empty.
     * @param <T> the element type the generator declares
     * @return the end marker, an empty iterable
     */
    @SuppressWarnings("unchecked")
    static <T> AsyncIterable<T> end() {
        return (AsyncIterable<T>) End.INSTANCE;
    }
}
