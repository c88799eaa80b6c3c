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

/**
 * Example {@code to-thread}: the asyncio docs' {@code blocking_io}. A blocking call run with
 * {@code toThread} blocks a worker thread, not the loop: a ticker on the loop keeps ticking meanwhile.
 */
class ToThread {
    final PrintStream out;
    long start;

    ToThread(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncToThread(out).main(), clock);
    }

    /** An ordinary blocking method, such as a file or JDBC call. */
    String blockingIo() throws InterruptedException {
        Thread.sleep(1000);
        return "blockingIo() slept 1 s on its own thread";
    }

    @Async
    Task<String> ticker() {
        for (int i = 1; i <= 5; i++) {
            Await.on(Asyncio.sleep(Duration.ofMillis(200)));
            out.println("tick " + at(start));
        }
        return Task.completed("ticked 5 times");
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        out.println("started main " + at(start));
        List<String> results = Await.on(Asyncio.gather(Asyncio.toThread(this::blockingIo), ticker()));
        out.println(results.get(0) + "; meanwhile the loop " + results.get(1));
        out.println("finished main " + at(start));
        return Task.completed();
    }
}
