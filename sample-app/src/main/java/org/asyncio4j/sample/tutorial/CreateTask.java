package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code create-task}: the asyncio docs' {@code say_after}; two tasks started with
 * {@code createTask} run concurrently, so awaiting both takes 2 s, not 1 + 2.
 */
class CreateTask {
    final PrintStream out;
    long start;

    CreateTask(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncCreateTask(out).main(), clock);
    }

    @Async
    Task<Void> sayAfter(int seconds, String what) {
        Await.on(Asyncio.sleep(Duration.ofSeconds(seconds)));
        out.println(what + " " + at(start));
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        Task<Void> task1 = Asyncio.createTask(() -> sayAfter(1, "hello"));
        Task<Void> task2 = Asyncio.createTask(() -> sayAfter(2, "world"));
        out.println("started " + at(start));
        Await.on(task1);
        Await.on(task2);
        out.println("finished " + at(start));
        return Task.completed();
    }
}
