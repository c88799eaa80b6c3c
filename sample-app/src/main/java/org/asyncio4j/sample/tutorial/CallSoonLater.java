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
 * Example {@code call-soon-later}: plain callbacks on the loop: {@code callSoon} (next iteration),
 * {@code callLater} (after a delay), {@code callAt} (at a loop time); they run in time order,
 * whatever order they were scheduled in.
 */
class CallSoonLater {
    final PrintStream out;
    long start;

    CallSoonLater(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncCallSoonLater(out).main(), clock);
    }

    void callback(String what) {
        out.println(what + " ran " + at(start));
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        EventLoop loop = EventLoop.current();
        Promise<Void> lastRan = new Promise<>();
        loop.callAt(loop.time() + Duration.ofSeconds(2).toNanos(), () -> {
            callback("callAt(now + 2 s)");
            lastRan.complete(null);
        });
        loop.callLater(Duration.ofSeconds(1), () -> callback("callLater(1 s)"));
        loop.callSoon(() -> callback("callSoon"));
        out.println("scheduled three callbacks " + at(start));
        Await.on(lastRan);
        return Task.completed();
    }
}
