package org.asyncio4j.bench.a4j;

import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * W1's sleeping task as users write it: the processor compiles this class to {@code AsyncSleepers},
 * so the bytes per sleeping task that W1 measures are those of a generated {@code @Async} machine.
 */
public class Sleepers {
    /**
     * The sleep of the current round, read by every task (a constant of the workload, so the machine
     * keeps no field for it).
     */
    static Duration sleep;

    @Async
    public static Task<Void> sleeper() {
        Await.on(Asyncio.sleep(sleep));
        return Task.completed();
    }
}
