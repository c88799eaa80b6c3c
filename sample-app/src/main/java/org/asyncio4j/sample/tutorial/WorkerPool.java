package org.asyncio4j.sample.tutorial;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
class WorkerPool {
    final PrintStream out;
    final AsyncQueue<Integer> queue = new AsyncQueue<>();
    final Map<String, Integer> done = new LinkedHashMap<>(); // items done, by worker
    final int items;
    final int workers;

    WorkerPool(PrintStream out, int items, int workers) {
        this.out = out;
        this.items = items;
        this.workers = workers;
    }

    /** Runs the example on a new loop driven by {@code clock}; args: {@code [items [workers]]}. */
    static void run(PrintStream out, Clock clock, String... args) {
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
    Task<Void> worker(String name) {
        while (true) {
            int millis = Await.on(queue.get());
            Await.on(Asyncio.sleep(Duration.ofMillis(millis)));
            done.merge(name, 1, Integer::sum);
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
        for (int i = 0; i < workers; i++) {
            String name = "worker-" + i;
            done.put(name, 0);
            pool.add(Asyncio.createTask(() -> worker(name), name));
        }
        long started = LoopTime.now();
        Await.on(queue.join());
        long elapsed = LoopTime.now() - started;
        for (Task<Void> w : pool) {
            w.cancel();
        }
        Await.on(Asyncio.gatherSettled(pool)); // wait until they have stopped
        out.println(items + " items done by " + workers + " workers: " + done);
        out.println(String.format(Locale.ROOT, "%d workers took %.3f s of loop time for %.3f s of work",
                workers, elapsed / 1e9, work / 1e3));
        out.println("workers cancelled: " + pool.stream().filter(Task::isCancelled).count() + " of " + workers);
        return Task.completed();
    }
}
