package org.asyncio4j.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: {@code for (T x : Await.each(source))}, Python's {@code async for}. */
public class Each extends Fixture {

    @Async
    Task<Integer> sum(AsyncIterable<Integer> source) {
        int sum = 0;
        for (int x : Await.each(source)) {
            sum += Await.on(v(x));
            log("got " + x + " at " + Src.ms());
        }
        log("after at " + Src.ms());
        return Task.completed(sum);
    }

    @Async
    Task<String> breakEarly(int stopAt) {
        String seen = "";
        for (var x : Await.each(new Numbers(this, 10))) {
            if (x == stopAt) {
                break;
            }
            seen += x;
        }
        log("after");
        return Task.completed(seen);
    }

    @Async
    Task<Integer> returnFromInside() {
        for (Integer x : Await.each(new Numbers(this, 10))) {
            if (x == 2) {
                return Task.completed(x * 100);
            }
        }
        return Task.completed(-1);
    }

    @Async
    Task<String> throwFromInside() {
        try {
            for (Integer x : Await.each(new Numbers(this, 10))) {
                if (x == 1) {
                    throw new IllegalArgumentException("at " + x);
                }
            }
            return Task.completed("not thrown");
        } catch (IllegalArgumentException e) {
            log("caught " + e.getMessage());
            return Task.completed(e.getMessage());
        }
    }

    @Async
    Task<String> closeFailureReplacesTheBreak(RuntimeException failure) {
        try {
            for (Integer x : Await.each(new Numbers(this, 10, failure))) {
                if (x == 1) {
                    break;
                }
            }
            return Task.completed("no failure");
        } catch (RuntimeException e) {
            return Task.completed("caught " + e.getMessage());
        }
    }

    @Async
    Task<List<String>> nestedWithLabels() {
        List<String> out = new ArrayList<>();
        outer:
        for (int a : Await.each(new Numbers(this, 3))) {
            for (int b : Await.each(new Numbers(this, 3))) {
                if (b > a) {
                    continue outer;
                }
                out.add(a + "" + b);
            }
        }
        return Task.completed(out);
    }

    @Async
    Task<Integer> eachInALambda() {
        Supplier<Task<Integer>> count = () -> {
            int c = 0;
            for (var x : Await.each(new Numbers(this, 4))) {
                c += x;
            }
            return Task.completed(c);
        };
        return Task.completed(Await.on(count.get()) + 1000);
    }

    /** The source expression itself awaits (a Task of a source). */
    @Async
    Task<Integer> sourceFromAnAwait() {
        int c = 0;
        for (int x : Await.each(Await.on(v(new Numbers(this, 3))))) {
            c += x;
        }
        return Task.completed(c);
    }

    @Async
    Task<String> cancelWhileLooping() {
        Task<Integer> t = sum(new Numbers(this, 100));
        Await.on(Asyncio.sleep(Duration.ofMillis(35)));
        t.cancel();
        try {
            return Task.completed("not cancelled: " + Await.on(t));
        } catch (CancelledError c) {
            return Task.completed("cancelled");
        }
    }

    @Async
    Task<List<Integer>> collectToList() {
        return new Numbers(this, 4).toList();
    }
}
