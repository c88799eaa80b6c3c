package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code backpressure-batches}: instead of starting a task per item all at once, gather the
 * items a batch of 4 at a time, so at most 4 are in flight; each batch waits for its slowest item.
 */
class BackpressureBatches {
    final PrintStream out;
    int inFlight;
    int mostInFlight;

    BackpressureBatches(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncBackpressureBatches(out).main(), clock);
    }

    @Async
    Task<Integer> process(int item) {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        Await.on(Asyncio.sleep(Duration.ofMillis(500L * (1 + item % 3)))); // 0.5 to 1.5 s
        inFlight--;
        return Task.completed(item * item);
    }

    @Async
    Task<Void> main() {
        long start = LoopTime.now();
        List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        List<Integer> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 4) {
            List<Integer> batch = items.subList(i, Math.min(i + 4, items.size()));
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int item : batch) {
                tasks.add(process(item));
            }
            List<Integer> squares = Await.on(Asyncio.gather(tasks));
            out.println("batch " + batch + " -> " + squares + " " + at(start));
            results.addAll(squares);
        }
        out.println(results.size() + " results, at most " + mostInFlight + " items in flight at once");
        return Task.completed();
    }
}
