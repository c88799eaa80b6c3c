package org.asyncio4j;

/**
 * One pass over an {@link AsyncIterable} (Python's async iterator: {@code __anext__} split in two).
 * Await {@link #hasNext()}, then call {@link #next()} for the element it promised. In an
 * {@code @Async} body, {@code for (T x : Await.each(source))} does both and, when the loop is left
 * early (break, return, an exception, cancellation), awaits {@link #closeAsync}.
 * @param <T> the element type
 */
public interface AsyncIterator<T> extends AsyncCloseable {

    /**
     * Completes with true when an element is ready for {@link #next()}, false at the end.
     * @return a task completing with true if there is a next element, false at the end; a failure of the source fails
     *     it
     */
    Task<Boolean> hasNext();

    /**
     * The element the last {@link #hasNext()} promised. Throws
     * {@link java.util.NoSuchElementException} when there is none (past the end, or before
     * {@code hasNext()} completed with true).
     * @return the element; may be null if the source yields null
     */
    T next();

    /** Releases what the iterator holds; the default has nothing to release and completes at once. */
    @Override
    default Task<Void> closeAsync(Throwable pending) {
        return Task.completed();
    }
}
