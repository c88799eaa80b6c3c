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
import org.asyncio4j.sync.Semaphore;

/** Example {@code semaphore}: 10 one-second jobs, at most 3 running at once. */
class SemaphoreJobs {
    final PrintStream out;
    final Semaphore limit = new Semaphore(3);
    long start;
    int running;
    int mostAtOnce;

    SemaphoreJobs(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncSemaphoreJobs(out).main(), clock);
    }

    @Async
    Task<Integer> job(int id) {
        try (var held = Await.on(limit.acquire())) { // async with limit:
            running++;
            mostAtOnce = Math.max(mostAtOnce, running);
            out.println("job " + id + " starts " + at(start) + " (" + running + " running)");
            Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
            running--;
        }
        return Task.completed(id);
    }

    @Async
    Task<Void> main() {
        start = LoopTime.now();
        List<Task<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(job(i));
        }
        List<Integer> done = Await.on(Asyncio.gather(jobs));
        out.println(done.size() + " jobs done " + at(start) + ", at most " + mostAtOnce + " at once");
        return Task.completed();
    }
}
