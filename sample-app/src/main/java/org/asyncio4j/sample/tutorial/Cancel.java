package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code cancel}: the asyncio docs' {@code cancel_me()}. Cancelling a task raises
 * {@link CancelledError} at the await it is suspended in; it may clean up, and should rethrow.
 */
class Cancel {
    final PrintStream out;
    long start;

    Cancel(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncCancel(out).main(), clock);
    }

    @Async
    Task<Void> cancelMe() {
        out.println("cancelMe(): before sleep " + at(start));
        try {
            Await.on(Asyncio.sleep(Duration.ofHours(1)));
        } catch (CancelledError e) {
            out.println("cancelMe(): cancel sleep " + at(start));
            throw e;
        } finally {
            out.println("cancelMe(): after sleep");
        }
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        Task<Void> task = Asyncio.createTask(this::cancelMe);
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        task.cancel();
        try {
            Await.on(task);
        } catch (CancelledError e) {
            out.println("main(): cancelMe is cancelled now; task.isCancelled() = " + task.isCancelled());
        }
        return Task.completed();
    }
}
