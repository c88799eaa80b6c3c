package org.asyncio4j.bench.w6;

import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * W6: an {@code @Async} method awaiting an already-done task {@code n} times, beside the same loop
 * calling a plain method. The processor compiles this class to {@code AsyncAwaitLoop}.
 */
public class AwaitLoop {
    @Async
    public static Task<Long> awaitDone(Task<Integer> done, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Await.on(done);
        }
        return Task.completed(sum);
    }

    /** The plain method the same loop calls instead of awaiting. */
    public static int plainGet(Task<Integer> done) {
        return done.result();
    }

    public static long plainLoop(Task<Integer> done, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += plainGet(done);
        }
        return sum;
    }
}
