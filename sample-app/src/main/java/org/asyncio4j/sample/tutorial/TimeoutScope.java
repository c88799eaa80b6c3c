package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code timeout-scope}: {@code async with asyncio.timeout(1)} around a block: whatever the
 * block awaits when the time is up is cancelled, and the timeout comes out of the block.
 */
class TimeoutScope {
    final PrintStream out;

    TimeoutScope(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncTimeoutScope(out).main(), clock);
    }

    @Async
    Task<Void> main() {
        long start = LoopTime.now();
        try {
            try (Timeout t = Asyncio.timeout(Duration.ofSeconds(1))) {
                Await.on(Asyncio.sleep(Duration.ofSeconds(10)));
                out.println("not reached: the sleep is cut short");
            }
        } catch (AsyncTimeoutException e) {
            out.println("the 10 s sleep timed out " + at(start) + ", and we have handled it");
        }
        out.println("this statement runs regardless");

        try (Timeout t = Asyncio.timeout(Duration.ofSeconds(1))) {
            t.reschedule(t.when() + Duration.ofSeconds(5).toNanos()); // more time for this block
            Await.on(Asyncio.sleep(Duration.ofSeconds(2)));
            out.println("with the deadline moved 5 s later, a 2 s sleep finishes " + at(start)
                    + "; expired: " + t.expired());
        }
        return Task.completed();
    }
}
