package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Event;

/** Example {@code event}: the asyncio docs' {@code waiter(event)}; a task waits until another sets the event. */
class EventWaiter {
    final PrintStream out;
    long start;

    EventWaiter(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncEventWaiter(out).main(), clock);
    }

    @Async
    Task<Void> waiter(Event event) {
        out.println("waiting for it ...");
        Await.on(event.await());
        out.println("... got it! " + at(start));
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        Event event = new Event();
        Task<Void> waiterTask = Asyncio.createTask(() -> waiter(event));
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        out.println("setting the event " + at(start));
        event.set();
        Await.on(waiterTask);
        return Task.completed();
    }
}
