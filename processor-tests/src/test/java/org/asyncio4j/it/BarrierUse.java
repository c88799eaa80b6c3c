package org.asyncio4j.it;

import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Barrier;

/** Blueprint: {@code async with barrier as pos} as try-with-resources over {@code Barrier.enter()}. */
public class BarrierUse extends Fixture {
    @Async
    Task<Integer> arrive(Barrier b, String name, long delayMs) {
        Await.on(Asyncio.sleep(Duration.ofMillis(delayMs)));
        int index;
        try (var pass = Await.on(b.enter())) {
            index = pass.index();
            log(name + " in " + index + " t=" + Src.ms());
        }
        log(name + " out t=" + Src.ms());
        return Task.completed(index);
    }

    @Async
    Task<String> two(Barrier b) {
        Task<Integer> x = Asyncio.createTask(() -> arrive(b, "a", 10));
        Task<Integer> y = Asyncio.createTask(() -> arrive(b, "b", 20));
        int ix = Await.on(x);
        int iy = Await.on(y);
        return Task.completed(ix + "," + iy);
    }
}
