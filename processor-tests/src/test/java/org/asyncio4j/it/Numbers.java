package org.asyncio4j.it;

import java.util.List;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Task;

/**
 * A hand-written async source for the Await.each tests: 0..n-1, each {@code hasNext()} a task of
 * the fixture's mode, logging every close with the exception it was given (and optionally failing it).
 */
final class Numbers implements AsyncIterable<Integer> {
    private final Fixture f;
    private final int n;
    private final RuntimeException closeFailure;

    Numbers(Fixture f, int n) {
        this(f, n, null);
    }

    Numbers(Fixture f, int n, RuntimeException closeFailure) {
        this.f = f;
        this.n = n;
        this.closeFailure = closeFailure;
    }

    @Override
    public AsyncIterator<Integer> iterator() {
        return new AsyncIterator<>() {
            int next;
            boolean ready;

            @Override
            public Task<Boolean> hasNext() {
                ready = next < n;
                return f.v(ready);
            }

            @Override
            public Integer next() {
                if (!ready) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return next++;
            }

            @Override
            public Task<Void> closeAsync(Throwable pending) {
                f.log("close " + (pending == null ? "" : pending.getClass().getSimpleName()) + " at " + Src.ms());
                return closeFailure != null ? f.boom(closeFailure) : f.v(null);
            }
        };
    }

    static List<Integer> upTo(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }
}
