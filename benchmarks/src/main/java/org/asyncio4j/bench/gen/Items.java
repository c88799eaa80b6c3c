package org.asyncio4j.bench.gen;

import org.asyncio4j.AsyncIterable;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** W9's generator and its consumer, compiled by the processor (AsyncItems). */
public class Items {
    /** The elements, boxed before the run: what is measured is the library's cost per element. */
    final Integer[] items;

    public Items(Integer[] items) {
        this.items = items;
    }

    @Async
    AsyncIterable<Integer> numbers(int n) {
        for (int i = 0; i < n; i++) {
            Await.yield(items[i]);
        }
        return AsyncIterable.end();
    }

    @Async
    Task<Long> sum(int n) {
        long sum = 0;
        for (int x : Await.each(numbers(n))) {
            sum += x;
        }
        return Task.completed(sum);
    }
}
