package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Clock;
import org.asyncio4j.ExceptionGroup;
import org.asyncio4j.Task;
import org.asyncio4j.TaskGroup;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code task-group}: {@code async with asyncio.TaskGroup() as tg}; when one job fails the
 * group cancels the others, waits for them, and raises the failures as one {@link ExceptionGroup}.
 */
class TaskGroupErrors {
    final PrintStream out;
    long start;

    TaskGroupErrors(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncTaskGroupErrors(out).main(), clock);
    }

    @Async
    Task<String> job(String name, int seconds, boolean fails) {
        try {
            Await.on(Asyncio.sleep(Duration.ofSeconds(seconds)));
        } catch (CancelledError e) {
            out.println(name + " cancelled " + at(start));
            throw e;
        }
        if (fails) {
            out.println(name + " fails " + at(start));
            throw new IllegalStateException(name + " could not reach its server");
        }
        out.println(name + " done " + at(start));
        return Task.completed(name);
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        try (TaskGroup tg = new TaskGroup()) {
            tg.spawn(() -> job("job-1", 1, false));
            tg.spawn(() -> job("job-2", 2, true));
            tg.spawn(() -> job("job-3", 3, false));
        } catch (ExceptionGroup group) {
            out.println("caught " + group.getMessage() + " " + at(start) + ":");
            for (Throwable e : group.exceptions()) {
                out.println("  " + e);
            }
        }
        return Task.completed();
    }
}
