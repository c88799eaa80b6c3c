package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code async-context-manager}: a resource whose opening and closing both await
 * ({@code __aenter__}/{@code __aexit__}). In try-with-resources it is opened in order, closed in
 * reverse order, and closed even when the block fails; {@code closeAsync} sees that failure.
 */
class ContextManager {
    final PrintStream out;
    long start;

    ContextManager(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncContextManager(out).main(), clock);
    }

    /** An async context manager: a resource that takes time to open and to close. */
    static class Resource implements AsyncCloseable {
        final ContextManager owner;
        final String name;

        Resource(ContextManager owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        @Override
        public Task<Void> closeAsync(Throwable pending) {
            return owner.close(this, pending);
        }
    }

    @Async
    Task<Resource> open(String name) { // __aenter__
        Await.on(Asyncio.sleep(Duration.ofMillis(500)));
        out.println("acquired " + name + " " + at(start));
        return Task.completed(new Resource(this, name));
    }

    @Async
    Task<Void> close(Resource c, Throwable pending) { // __aexit__
        Await.on(Asyncio.sleep(Duration.ofMillis(500)));
        out.println("released " + c.name + " " + at(start) + (pending == null ? "" : " (the block failed: " + pending.getMessage() + ")"));
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        try (Resource a = Await.on(open("a")); Resource b = Await.on(open("b"))) {
            out.println("using " + a.name + " and " + b.name + " " + at(start));
        }
        try (Resource c = Await.on(open("c"))) {
            out.println("using " + c.name + ", then failing");
            throw new IllegalStateException("query failed");
        } catch (IllegalStateException e) {
            out.println("caught " + e.getMessage() + " after the release " + at(start));
        }
        return Task.completed();
    }
}
