package org.asyncio4j.processor.fuzz.ref;

import org.asyncio4j.Task;

/**
 * The reference semantics of {@code Await.on}: the generated program's text is compiled a second
 * time against this class instead of {@code org.asyncio4j.Await} (and without the processor), so
 * each await resolves directly. In reference runs every task is already done ({@link
 * org.asyncio4j.processor.fuzz.Fx} makes them so), and {@code result()} returns the value or
 * rethrows the failure unchanged, which is exactly what an await of a done task does.
 */
public final class Await {
    private Await() {}

    public static <T> T on(Task<T> task) {
        return task.result();
    }

    public static <T, X extends Throwable> T on(Task<T> task, Class<X> declared) throws X {
        return task.result();
    }

    /** In a reference generator's body (see {@link RefGen}). */
    public static <T> void yield(T value) {
        RefGen.yieldValue(value);
    }
}
