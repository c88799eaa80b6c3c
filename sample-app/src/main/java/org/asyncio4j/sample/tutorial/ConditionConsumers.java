package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Condition;

/**
 * Example {@code condition}: two consumers wait on a condition until an item is there; the producer
 * adds one item a second and notifies one waiter each time.
 */
class ConditionConsumers {
    final PrintStream out;
    final Condition cond = new Condition();
    final ArrayDeque<String> items = new ArrayDeque<>();
    long start;

    ConditionConsumers(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncConditionConsumers(out).main(), clock);
    }

    @Async
    Task<Void> consumer(String name) {
        try (var held = Await.on(cond.acquire())) {
            out.println(name + " waits");
            Await.on(cond.waitFor(() -> !items.isEmpty())); // releases the lock while waiting
            out.println(name + " got " + items.poll() + " " + at(start));
        }
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        List<Task<Void>> consumers = List.of(Asyncio.createTask(() -> consumer("consumer 1")),
                Asyncio.createTask(() -> consumer("consumer 2")));
        for (String item : List.of("apple", "pear")) {
            Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
            try (var held = Await.on(cond.acquire())) {
                items.add(item);
                out.println("produced " + item + " " + at(start));
                cond.signal();
            }
        }
        Await.on(Asyncio.gather(consumers));
        return Task.completed();
    }
}
