package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Example {@code gather}: three jobs at once; the results come back in argument order. */
class Gather {
    final PrintStream out;
    long start;

    Gather(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncGather(out).main(), clock);
    }

    @Async
    Task<String> job(String name, int seconds) {
        Await.on(Asyncio.sleep(Duration.ofSeconds(seconds)));
        out.println(name + " done after " + seconds + " s, " + at(start));
        return Task.completed(name);
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        List<String> results = Await.on(Asyncio.gather(job("A", 2), job("B", 1), job("C", 3)));
        out.println("gather returned " + results + " " + at(start) + " (the jobs slept at the same time)");
        return Task.completed();
    }
}
