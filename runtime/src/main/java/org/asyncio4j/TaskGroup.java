package org.asyncio4j;

import java.util.function.Supplier;

/** asyncio.TaskGroup. TODO(combinators). */
public final class TaskGroup implements AsyncCloseable {
    public TaskGroup() {}

    public <T> Task<T> spawn(Supplier<? extends Task<T>> body) {
        throw new UnsupportedOperationException("TaskGroup: not implemented yet");
    }

    public <T> Task<T> spawn(Supplier<? extends Task<T>> body, String name) {
        throw new UnsupportedOperationException("TaskGroup: not implemented yet");
    }

    @Override
    public Task<Void> closeAsync(Throwable pending) {
        throw new UnsupportedOperationException("TaskGroup: not implemented yet");
    }
}
