package org.asyncio4j;

import java.util.function.Consumer;

/** A done callback scheduled on the ready queue: asyncio calls each one through {@code call_soon}. */
final class CallbackRun implements Runnable {
    private final Consumer<Object> callback;
    private final Task<?> task;

    @SuppressWarnings("unchecked")
    CallbackRun(Object callback, Task<?> task) {
        this.callback = (Consumer<Object>) callback;
        this.task = task;
    }

    @Override
    public void run() {
        callback.accept(task);
    }

    @Override
    public String toString() {
        return "done callback " + callback + " of " + task;
    }
}
