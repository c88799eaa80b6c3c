package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code wait-for-timeout}: the asyncio docs' {@code eternity()}; {@code waitFor} gives up
 * after 1 s, cancels the task and raises a timeout.
 */
class WaitForTimeout {
    final PrintStream out;
    long start;

    WaitForTimeout(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncWaitForTimeout(out).main(), clock);
    }

    @Async
    Task<Void> eternity() {
        try {
            Await.on(Asyncio.sleep(Duration.ofHours(1)));
            out.println("yay!");
        } catch (CancelledError e) {
            out.println("eternity() cancelled " + at(start));
            throw e;
        }
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        try {
            Await.on(Asyncio.waitFor(eternity(), Duration.ofSeconds(1)));
        } catch (AsyncTimeoutException e) {
            out.println("timeout! " + at(start));
        }
        return Task.completed();
    }
}
