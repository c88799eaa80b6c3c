package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Done;
import org.asyncio4j.ReturnWhen;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code wait}: {@code asyncio.wait} hands back the done and the pending tasks, first with
 * {@code FIRST_COMPLETED} (as soon as one finishes), then {@code ALL_COMPLETED} on the rest.
 */
class Wait {
    final PrintStream out;

    Wait(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncWait(out).main(), clock);
    }

    /** Task names, sorted: done and pending are sets. */
    static List<String> names(Collection<Task<String>> tasks) {
        return tasks.stream().map(Task::name).sorted().toList();
    }

    @Async
    Task<Void> main() {
        long start = LoopTime.now();
        List<Task<String>> tasks = List.of(
                Asyncio.createTask(() -> Asyncio.sleep(Duration.ofSeconds(1), "fast"), "fast"),
                Asyncio.createTask(() -> Asyncio.sleep(Duration.ofSeconds(2), "medium"), "medium"),
                Asyncio.createTask(() -> Asyncio.sleep(Duration.ofSeconds(3), "slow"), "slow"));

        Done<String> first = Await.on(Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED, null));
        out.println("FIRST_COMPLETED " + at(start) + ": done " + names(first.done())
                + ", pending " + names(first.pending()));

        Done<String> rest = Await.on(Asyncio.wait(first.pending(), ReturnWhen.ALL_COMPLETED, null));
        out.println("ALL_COMPLETED " + at(start) + ": done " + names(rest.done())
                + ", pending " + names(rest.pending()));
        return Task.completed();
    }
}
