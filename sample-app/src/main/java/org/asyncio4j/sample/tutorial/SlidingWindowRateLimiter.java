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
import org.asyncio4j.sync.RateLimiter;

/**
 * Example {@code sliding-window-rate-limiter}: 10 requests through a {@link RateLimiter} of 3 per
 * second: in any 1 s window at most 3 start; the rest wait, in order, for the oldest to leave the window.
 */
class SlidingWindowRateLimiter {
    final PrintStream out;
    final RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1));
    long start;

    SlidingWindowRateLimiter(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncSlidingWindowRateLimiter(out).main(), clock);
    }

    @Async
    Task<Void> request(int id) {
        Await.on(limiter.acquire()); // a slot frees itself when it leaves the window: nothing to release
        out.println("request " + id + " sent " + at(start));
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        List<Task<Void>> requests = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            requests.add(request(i));
        }
        Await.on(Asyncio.gather(requests));
        out.println("10 requests, at most 3 per second, done " + at(start));
        return Task.completed();
    }
}
