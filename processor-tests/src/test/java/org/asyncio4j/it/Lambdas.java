package org.asyncio4j.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Task;
import org.asyncio4j.TaskGroup;
import org.asyncio4j.annotations.Async;

/** Blueprint: async lambdas (a lambda whose functional method returns a Task may await). */
public class Lambdas extends Fixture {

    /** The user's own functional interface. */
    interface Job {
        Task<String> run(String name, int n);
    }

    Task<Integer> sleep(int ms, int value) {
        return Asyncio.sleep(Duration.ofMillis(ms), value);
    }

    /** Each child captures its own loop variable; the group waits for all of them. */
    @Async
    Task<List<Integer>> spawnInLoop(int n) {
        int base = Await.on(v(100));
        List<Task<Integer>> tasks = new ArrayList<>();
        try (var tg = new TaskGroup()) {
            for (int i = 0; i < n; i++) {
                final int k = i;
                tasks.add(tg.spawn(() -> {
                    log("start " + k + " at " + Src.ms());
                    int slept = Await.on(sleep(10 * (n - k), k));
                    log("end " + slept + " at " + Src.ms());
                    return Task.completed(base + slept);
                }));
            }
        }
        List<Integer> out = new ArrayList<>();
        for (Task<Integer> t : tasks) {
            out.add(t.result());
        }
        return Task.completed(out);
    }

    /** createTask with a lambda starts on the next iteration; the lambda's own call starts eagerly. */
    @Async
    Task<String> createTaskAndCallDirectly() {
        Task<String> lazy = Asyncio.createTask(() -> {
            log("lazy body");
            return Task.completed("lazy " + Await.on(sleep(5, 1)));
        });
        Supplier<Task<String>> eager = () -> {
            log("eager body");
            return Task.completed("eager " + Await.on(sleep(5, 2)));
        };
        Task<String> direct = eager.get();
        log("after calls");
        return Task.completed(Await.on(lazy) + ", " + Await.on(direct) + " at " + Src.ms());
    }

    /** Parameters, nested lambdas, the user's own interface, an expression body, a captured hoisted local. */
    @Async
    Task<String> nestedAndParameters() {
        String prefix = Await.on(v("p"));
        Function<Integer, Task<Integer>> twice = x -> {
            int a = Await.on(sleep(1, x));
            Supplier<Task<Integer>> plusOne = () -> Task.completed(Await.on(sleep(1, a)) + 1);
            return Task.completed(a + Await.on(plusOne.get()));
        };
        BiFunction<Integer, Integer, Task<Integer>> add = (a, b) -> Task.completed(Await.on(sleep(1, a)) + b);
        Job job = (name, n) -> Task.completed(prefix + name + Await.on(add.apply(n, n)));
        return Task.completed(Await.on(job.run("-x", 3)) + " " + Await.on(twice.apply(20)) + " at " + Src.ms());
    }

    /** A failure inside an async lambda reaches the awaiter unchanged; finally blocks in the lambda run. */
    @Async
    Task<String> failureAndFinally() {
        Supplier<Task<Integer>> failing = () -> {
            try {
                Await.on(sleep(1, 0));
                throw new IllegalStateException("from the lambda"); // THROW-LAMBDA
            } finally {
                log("lambda finally");
            }
        };
        try {
            Await.on(failing.get());
            return Task.completed("no failure");
        } catch (IllegalStateException e) {
            return Task.completed("caught " + e.getMessage());
        }
    }

    /** Cancelling the task of an async lambda cancels it at its await: its finally runs, the awaiter sees CancelledError. */
    @Async
    Task<String> cancelALambdaTask() {
        Supplier<Task<Integer>> slow = () -> {
            try {
                return Task.completed(Await.on(sleep(1000, 1)));
            } finally {
                log("slow finally at " + Src.ms());
            }
        };
        Task<Integer> t = slow.get();
        Await.on(sleep(10, 0));
        t.cancel();
        try {
            Await.on(t);
            return Task.completed("not cancelled");
        } catch (CancelledError e) {
            return Task.completed("cancelled at " + Src.ms());
        }
    }

    /** A failure awaited without a catch: its async frames go through the lambda and its awaiter. */
    @Async
    Task<Integer> rawFailure() {
        Supplier<Task<Integer>> failing = () -> {
            Await.on(v(0)); // AWAIT-IN-LAMBDA
            throw new IllegalStateException("raw"); // THROW-IN-LAMBDA
        };
        return Task.completed(Await.on(failing.get())); // AWAIT-RAW
    }

    @Async
    static Task<Integer> staticWithLambda(int n) {
        Supplier<Task<Integer>> s = () -> Task.completed(Await.on(Asyncio.sleep(Duration.ofMillis(n), n)) * 2);
        return Task.completed(Await.on(s.get()) + 1);
    }
}
