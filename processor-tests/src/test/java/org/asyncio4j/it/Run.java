package org.asyncio4j.it;

import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;

/** Runs a program on a fresh loop with a virtual clock. */
final class Run {
    private Run() {}

    static <T> T virtual(Supplier<? extends Task<T>> main) {
        return Asyncio.run(main, new VirtualClock());
    }

    /** Runs {@code main} and returns its result together with the loop time (ms) at which it ended. */
    static <T> Timed<T> timed(Supplier<? extends Task<T>> main) {
        long[] end = new long[1];
        T value = Asyncio.run(() -> {
            Task<T> t = main.get();
            t.addDoneCallback(x -> end[0] = Src.ms());
            return t;
        }, new VirtualClock());
        return new Timed<>(value, end[0]);
    }

    record Timed<T>(T value, long ms) {}
}
