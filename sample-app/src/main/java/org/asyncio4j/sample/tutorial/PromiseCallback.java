package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code future}: {@code loop.create_future()}, a {@link Promise} that a callback completes
 * later; the task awaiting it sleeps until then. This is how callback APIs are turned into awaitables.
 */
class PromiseCallback {
    final PrintStream out;

    PromiseCallback(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncPromiseCallback(out).main(), clock);
    }

    @Async
    Task<Void> main() {
        long start = LoopTime.now();
        Promise<String> future = new Promise<>();
        EventLoop.current().callLater(Duration.ofSeconds(1), () -> future.complete("... world"));
        out.println("hello ... " + at(start));
        String value = Await.on(future);
        out.println(value + " " + at(start));
        return Task.completed();
    }
}
