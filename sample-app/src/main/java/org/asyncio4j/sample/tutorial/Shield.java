package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code shield}: a timeout gives up waiting for a payment, but the shielded payment itself
 * is not cancelled and finishes later.
 */
class Shield {
    final PrintStream out;
    long start;

    Shield(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncShield(out).main(), clock);
    }

    @Async
    Task<String> pay() {
        Await.on(Asyncio.sleep(Duration.ofSeconds(2)));
        out.println("payment committed " + at(start));
        return Task.completed("receipt #1");
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        Task<String> payment = Asyncio.createTask(this::pay);
        try {
            // the timeout cancels the shield, not the payment behind it
            Await.on(Asyncio.waitFor(Asyncio.shield(payment), Duration.ofSeconds(1)));
        } catch (AsyncTimeoutException e) {
            out.println("gave up waiting " + at(start) + "; payment cancelled: " + payment.isCancelled());
        }
        out.println("the payment still completes: " + Await.on(payment) + " " + at(start));
        return Task.completed();
    }
}
