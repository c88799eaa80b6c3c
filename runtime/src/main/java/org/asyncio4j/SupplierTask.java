package org.asyncio4j;

import java.util.function.Supplier;

/**
 * A task that calls {@code body} on its first step and then takes on the outcome of the task it
 * returns: {@code Asyncio.createTask(() -> foo())} and the main task of {@code Asyncio.run}.
 * Cancelling it before the first step means the body never runs; afterwards the cancel reaches the
 * inner task, since this one awaits it.
 */
final class SupplierTask<T> extends Coroutine<T> {
    private Supplier<? extends Task<T>> body;

    SupplierTask(EventLoop loop, Supplier<? extends Task<T>> body) {
        super(loop);
        this.body = body;
    }

    void scheduleFirstStep() {
        loop.schedule(this);
    }

    @Override
    protected void resume() {
        Supplier<? extends Task<T>> b = body;
        body = null; // let the lambda's captures go
        Task<T> inner = b.get();
        if (inner == null) {
            throw new NullPointerException("the task body " + b + " returned null instead of a Task");
        }
        returnTask(inner);
    }
}
