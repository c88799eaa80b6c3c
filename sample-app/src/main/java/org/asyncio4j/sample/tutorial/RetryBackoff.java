package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Retry;

/**
 * Example {@code retry-backoff}: a flaky call that fails three times, retried with exponential
 * backoff (0.5 s, 1 s, 2 s between attempts) by {@link Retry}, the loop tutorials write by hand.
 */
class RetryBackoff {
    final PrintStream out;
    long start;
    int attempts;

    RetryBackoff(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncRetryBackoff(out).main(), clock);
    }

    @Async
    Task<String> flakyCall(int failures) {
        attempts++;
        Await.on(Asyncio.sleep(Duration.ZERO));
        if (attempts <= failures) {
            out.println("attempt " + attempts + " " + at(start) + ": 503 Service Unavailable");
            throw new IllegalStateException("503 Service Unavailable");
        }
        out.println("attempt " + attempts + " " + at(start) + ": ok");
        return Task.completed("200 OK");
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        Retry retry = Retry.withBackoff(5, Duration.ofMillis(500)); // up to 5 attempts; 0.5 s, then doubling
        String answer = Await.on(retry.run(() -> flakyCall(3)));
        out.println("got " + answer + " after " + attempts + " attempts " + at(start));

        attempts = 0; // when every attempt fails, the last failure comes out
        start = LoopTime.now();
        try {
            Await.on(Retry.withBackoff(2, Duration.ofMillis(500)).run(() -> flakyCall(9)));
        } catch (IllegalStateException e) {
            out.println("gave up after " + attempts + " attempts: " + e.getMessage() + " " + at(start));
        }
        return Task.completed();
    }
}
