package org.asyncio4j.sample.tutorial;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.queue.AsyncQueue;

/**
 * Example {@code worker-pool}: the asyncio docs' queue example. A queue of work items (by default
 * 1,000 of 1 to 10 ms), a fixed number of workers (by default 5) taking from it, {@code join()}
 * until every item is done, then the workers, which loop forever, are cancelled.
 */
public class WorkerPool {
    final PrintStream out;
    final AsyncQueue<Integer> queue = new AsyncQueue<>();
    final int items;
    final int workers;

    WorkerPool(PrintStream out, int items, int workers) {
        this.out = out;
        this.items = items;
        this.workers = workers;
    }

    /** Runs the example on a new loop driven by {@code clock}; args: {@code [items [workers]]}. */
    public static void run(PrintStream out, Clock clock, String... args) {
        int items = args.length > 0 ? positive("items", args[0]) : 1000;
        int workers = args.length > 1 ? positive("workers", args[1]) : 5;
        if (args.length > 2) {
            throw new IllegalArgumentException("worker-pool takes at most 2 arguments, [items [workers]]; got "
                    + List.of(args));
        }
        Asyncio.run(() -> new AsyncWorkerPool(out, items, workers).main(), clock);
    }

    static int positive(String what, String arg) {
        try {
            int n = Integer.parseInt(arg);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the usage
        }
        throw new IllegalArgumentException("worker-pool: " + what + " must be a positive whole number, got '"
                + arg + "' (usage: worker-pool [items [workers]])");
    }

    @Async
    Task<Void> worker(int[] done) {
        while (true) {
            int millis = Await.on(queue.get());
            Await.on(Asyncio.sleep(Duration.ofMillis(millis)));
            done[0]++;
            queue.taskDone();
        }
    }

    @Async
    Task<Void> main() {
        long work = 0;
        for (int i = 0; i < items; i++) {
            int millis = 1 + i * 7 % 10; // 1 to 10 ms, the same every run
            work += millis;
            queue.putNowait(millis);
        }
        List<Task<Void>> pool = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            int[] done = new int[1];
            counts.add(done);
            pool.add(Asyncio.createTask(() -> worker(done), "worker-" + i));
        }
        long started = LoopTime.now();
        Await.on(queue.join());
        long elapsed = LoopTime.now() - started;
        for (Task<Void> w : pool) {
            w.cancel();
        }
        Await.on(Asyncio.gatherSettled(pool)); // wait until they have stopped
        StringBuilder perWorker = new StringBuilder();
        for (int i = 0; i < workers; i++) {
            perWorker.append(i == 0 ? "" : ", ").append(pool.get(i).name()).append(' ').append(counts.get(i)[0]);
        }
        out.println(items + " items done by " + workers + " workers: " + perWorker);
        out.println(String.format(Locale.ROOT, "%d workers took %.3f s of loop time for %.3f s of work",
                workers, elapsed / 1e9, work / 1e3));
        out.println("workers cancelled: " + pool.stream().filter(Task::isCancelled).count() + " of " + workers);
        return Task.completed();
    }
}
