package org.asyncio4j.it;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * S12: an async iterator counting to n, each step suspending once ({@code await sleep(0)}). Java has
 * no {@code async for}: {@code hasNext()}/{@code next()} are @Async methods, and {@code anext()}
 * ends with NoSuchElementException like {@code __anext__} ends with StopAsyncIteration. It is an
 * AsyncCloseable so that try-with-resources plays the part of {@code aclose()}.
 */
public class Count implements AsyncCloseable {
    final int n;
    final List<String> log;
    int i;

    public Count(int n, List<String> log) {
        this.n = n;
        this.log = log;
    }

    @Async
    Task<Boolean> hasNext() {
        Await.on(Asyncio.yieldNow());
        return Task.completed(i < n);
    }

    @Async
    Task<Integer> next() {
        Await.on(Asyncio.yieldNow());
        if (i >= n) {
            throw new NoSuchElementException("exhausted");
        }
        log.add("next " + (i + 1));
        return Task.completed(++i);
    }

    /** __anext__: the next value, or NoSuchElementException (StopAsyncIteration). */
    @Async
    Task<Integer> anext() {
        return Task.completed(Await.on(next()));
    }

    @Override
    public Task<Void> closeAsync(Throwable pending) {
        log.add("agen finally");
        return Asyncio.yieldNow();
    }

    /** {@code [x async for x in Count(n)]}. */
    @Async
    static Task<List<Integer>> collect(int n, List<String> log) {
        List<Integer> out = new ArrayList<>();
        Count c = new AsyncCount(n, log);
        while (Await.on(c.hasNext())) {
            out.add(Await.on(c.next()));
        }
        return Task.completed(out);
    }

    /** The same, driven by anext() until StopAsyncIteration. */
    @Async
    static Task<List<Integer>> collectUntilStop(int n, List<String> log) {
        List<Integer> out = new ArrayList<>();
        Count c = new AsyncCount(n, log);
        while (true) {
            try {
                out.add(Await.on(c.anext()));
            } catch (NoSuchElementException stop) {
                break;
            }
        }
        return Task.completed(out);
    }

    /** {@code async for x in agen: if x == 3: break}, then aclose(). */
    @Async
    static Task<List<Integer>> breakAtThree(List<String> log) {
        List<Integer> out = new ArrayList<>();
        try (Count c = new AsyncCount(5, log)) {
            while (Await.on(c.hasNext())) {
                int x = Await.on(c.next());
                out.add(x);
                if (x == 3) {
                    break;
                }
            }
        }
        return Task.completed(out);
    }
}
