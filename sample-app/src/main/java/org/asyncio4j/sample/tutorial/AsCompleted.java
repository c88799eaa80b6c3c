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

/** Example {@code as-completed}: results in the order the jobs finish, not the order they started. */
class AsCompleted {
    final PrintStream out;

    AsCompleted(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncAsCompleted(out).main(), clock);
    }

    @Async
    Task<String> download(String file, int seconds) {
        Await.on(Asyncio.sleep(Duration.ofSeconds(seconds)));
        return Task.completed(file + " (" + seconds + " s)");
    }

    @Async
    Task<Void> main() {
        long start = LoopTime.now();
        List<Task<String>> downloads = List.of(download("big.iso", 3), download("small.txt", 1),
                download("medium.zip", 2));
        for (Task<String> next : Asyncio.asCompleted(downloads)) {
            String file = Await.on(next);
            out.println("got " + file + " " + at(start));
        }
        return Task.completed();
    }
}
