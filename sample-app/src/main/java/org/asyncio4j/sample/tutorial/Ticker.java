package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code async-generator}: an {@code @Async} method that returns {@code AsyncIterable} and
 * emits with {@code Await.yield} ({@code async def} with {@code yield}); the consumer leaves early,
 * and the generator's {@code finally} runs before the code after the loop.
 */
class Ticker {
    final PrintStream out;

    Ticker(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncTicker(out).main(), clock);
    }

    /** Ticks 0, 1, 2, ... every {@code period}; nothing runs until the consumer asks for the first. */
    @Async
    AsyncIterable<Integer> ticks(Duration period, int count) {
        try {
            for (int i = 0; i < count; i++) {
                Await.on(Asyncio.sleep(period));
                Await.yield(i);
            }
        } finally {
            out.println("ticker stopped");  // also when the consumer breaks out early
        }
        return AsyncIterable.end();
    }

    @Async
    Task<Void> main() {
        long start = LoopTime.now();
        for (int tick : Await.each(ticks(Duration.ofMillis(500), 10))) {
            out.println("tick " + tick + " " + at(start));
            if (tick == 2) {
                break;
            }
        }
        out.println("after the loop " + at(start));
        var all = Await.on(ticks(Duration.ofMillis(100), 3).toList());  // [t async for t in ticks(...)]
        out.println("all of a short run: " + all + " " + at(start));
        return Task.completed();
    }
}
