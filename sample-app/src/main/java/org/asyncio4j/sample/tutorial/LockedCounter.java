package org.asyncio4j.sample.tutorial;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Lock;

/**
 * Example {@code lock}: five tasks each add 1 to a shared balance with a read, an await, and a
 * write. Without a lock they all read the same old value and four updates are lost; with
 * {@code async with lock} each read-await-write runs alone.
 */
class LockedCounter {
    final PrintStream out;
    final Lock lock = new Lock();
    int balance;

    LockedCounter(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncLockedCounter(out).main(), clock);
    }

    @Async
    Task<Void> deposit() {
        int read = balance;
        Await.on(Asyncio.sleep(Duration.ofMillis(100))); // e.g. a database round trip
        balance = read + 1;
        return Task.completed();
    }

    @Async
    Task<Void> lockedDeposit() {
        try (var held = Await.on(lock.acquire())) {
            Await.on(deposit());
        }
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        List<Task<Void>> unlocked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            unlocked.add(deposit());
        }
        Await.on(Asyncio.gather(unlocked));
        out.println("5 deposits without a lock: balance = " + balance);

        balance = 0;
        List<Task<Void>> locked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            locked.add(lockedDeposit());
        }
        Await.on(Asyncio.gather(locked));
        out.println("5 deposits with a lock:    balance = " + balance);
        return Task.completed();
    }
}
