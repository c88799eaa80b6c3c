package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code async-iterator}: a hand-written async iterator counting to 5, each number after an
 * await ({@code __aiter__} is {@code iterator()}, {@code __anext__} is {@code hasNext()} then
 * {@code next()}), consumed by {@code for (int n : Await.each(...))}: Python's {@code async for}.
 */
class CountingIterator {
    final PrintStream out;

    CountingIterator(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncCountingIterator(out).main(), clock);
    }

    /** Numbers 1 to {@code stop}: each {@code iterator()} counts afresh (Python's {@code __aiter__}). */
    record Count(int stop) implements AsyncIterable<Integer> {
        @Override
        public AsyncIterator<Integer> iterator() {
            return new AsyncCountingIterator_Counter(stop);
        }
    }

    /** Counts 1, 2, ... up to {@code stop}, taking 0.5 s per number. */
    static class Counter implements AsyncIterator<Integer> {
        final int stop;
        int current;
        boolean ready;

        /** A counter from 1 to {@code stop}. */
        Counter(int stop) {
            this.stop = stop;
        }

        /** Waits 0.5 s, then says whether there is a next number (Python's {@code __anext__}). */
        @Override
        @Async
        public Task<Boolean> hasNext() {
            if (current >= stop) {
                return Task.completed(false);
            }
            Await.on(Asyncio.sleep(Duration.ofMillis(500)));
            current++;
            ready = true;
            return Task.completed(true);
        }

        /** The number {@link #hasNext()} counted to. */
        @Override
        public Integer next() {
            if (!ready) {
                throw new NoSuchElementException("no number is ready: await hasNext() first, and only call next() when it gave true");
            }
            ready = false;
            return current;
        }
    }

    @Async
    Task<Void> main() {
        long start = LoopTime.now();
        for (int n : Await.each(new Count(5))) {  // async for n in Count(5):
            out.println(n + " " + at(start));
        }
        out.println("done");
        return Task.completed();
    }
}
