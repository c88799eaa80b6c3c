package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.queue.AsyncQueue;

/**
 * Example {@code producer-consumer}: a fast producer and a slow consumer share a queue of at most 2
 * items, so the producer waits whenever it is full (back-pressure); a sentinel tells the consumer
 * that no more items come.
 */
class ProducerConsumer {
    static final String DONE = "<done>";
    final PrintStream out;
    final AsyncQueue<String> queue = new AsyncQueue<>(2);
    long start;

    ProducerConsumer(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncProducerConsumer(out).main(), clock);
    }

    @Async
    Task<Void> producer() {
        for (int i = 1; i <= 5; i++) {
            Await.on(queue.put("item " + i)); // waits while the queue is full
            out.println("put item " + i + " " + at(start) + " (queue size " + queue.size() + ")");
        }
        Await.on(queue.put(DONE));
        return Task.completed();
    }

    @Async
    Task<Void> consumer() {
        while (true) {
            String item = Await.on(queue.get());
            if (item.equals(DONE)) {
                break;
            }
            Await.on(Asyncio.sleep(Duration.ofSeconds(1))); // the slow part
            out.println("consumed " + item + " " + at(start));
        }
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        Await.on(Asyncio.gather(producer(), consumer()));
        out.println("all consumed " + at(start));
        return Task.completed();
    }
}
