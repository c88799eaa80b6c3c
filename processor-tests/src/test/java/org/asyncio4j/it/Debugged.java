package org.asyncio4j.it;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: debug mode's reports (slow steps, task dumps, creation sites) name these lines. */
public class Debugged extends Fixture {
    /** The clock debug mode times steps with: a step "takes" what {@link #work} adds. */
    final AtomicLong stepNanos = new AtomicLong();
    String dump;

    void work(Duration d) {
        stepNanos.addAndGet(d.toNanos()); // stands for a long computation or a blocking call
    }

    @Async
    Task<Integer> busy() {
        Await.on(Asyncio.sleep(Duration.ofMillis(10))); // SLOW-RESUMED
        work(Duration.ofMillis(150));
        Await.on(Asyncio.sleep(Duration.ofMillis(10))); // SLOW-SUSPENDED
        work(Duration.ofMillis(50)); // under the threshold: not reported
        return Task.completed(1);
    }

    @Async
    Task<Integer> level3() {
        return Task.completed(Await.on(Asyncio.sleep(Duration.ofSeconds(10), 3))); // DUMP-3
    }

    @Async
    Task<Integer> level2() {
        return Task.completed(Await.on(level3()) + 1); // DUMP-2
    }

    @Async
    Task<Integer> level1() {
        int v = Await.on(level2()); // DUMP-1
        return Task.completed(v);
    }

    @Async
    Task<String> dumpWhileNested() {
        Task<Integer> chain = Asyncio.createTask(this::level1);
        Await.on(Asyncio.sleep(Duration.ofMillis(10)));
        dump = Asyncio.dumpTasks();
        chain.cancel();
        return Task.completed("dumped");
    }

    @Async
    Task<Integer> fails() {
        Await.on(Asyncio.sleep(Duration.ofMillis(1)));
        throw new IllegalStateException("nobody looks at this");
    }

    @Async
    Task<Integer> dropsAFailingTask() {
        Task<Integer> dropped = fails(); // CREATED
        Await.on(Asyncio.sleep(Duration.ofMillis(5)));
        return Task.completed(dropped.isDone() ? 1 : 0);
    }

    @Async
    Task<Integer> deep3(boolean suspend) {
        if (suspend) {
            Await.on(Asyncio.sleep(Duration.ofMillis(1)));
        }
        int x = 1;
        x++;
        if (x > 1) {
            throw new IllegalStateException("three awaits deep"); // THROW-3
        }
        return Task.completed(x);
    }

    @Async
    Task<Integer> deep2(boolean suspend) {
        log("deep2");
        return Task.completed(Await.on(deep3(suspend)) + 1); // AWAIT-2
    }

    @Async
    Task<Integer> deep1(boolean suspend) {
        log("deep1");
        int v = Await.on(deep2(suspend)); // AWAIT-1
        return Task.completed(v);
    }

    @Async
    Task<Integer> dropsAfterAnAwait() {
        Await.on(Asyncio.sleep(Duration.ofMillis(1))); // BEFORE-CREATE
        log("between the await and the call");
        Task<Integer> dropped = fails(); // CREATED-LATER
        Await.on(Asyncio.sleep(Duration.ofMillis(5)));
        return Task.completed(dropped.isDone() ? 1 : 0);
    }
}
