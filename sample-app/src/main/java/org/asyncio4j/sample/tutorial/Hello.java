package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Example {@code hello}: the first asyncio program, {@code print; await asyncio.sleep(1); print}. */
class Hello {
    final PrintStream out;

    Hello(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncHello(out).main(), clock);
    }

    @Async
    Task<Void> main() {
        long start = LoopTime.now();
        out.println("Hello ...");
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        out.println("... World! " + at(start));
        return Task.completed();
    }
}
