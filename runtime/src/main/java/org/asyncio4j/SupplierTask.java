package org.asyncio4j;

import java.util.function.Supplier;

/**
 * A task that calls {@code body} on its first step and then takes on the outcome of the task it
 * returns: {@code Asyncio.createTask(() -> foo())} and the main task of {@code Asyncio.run}.
 * Cancelling it before the first step means the body never runs.
 *
 * <p><b>One task per body.</b> asyncio's {@code create_task(foo())} makes exactly one task. Here the
 * body is a separate machine ({@code foo()} starts its own, eagerly), so when the body returns a
 * machine it has just created and that is still pending, this task <em>merges</em> into it: it
 * leaves the loop's task set ({@code allTasks()} then holds the body's machine alone, which is
 * {@code Task.current()} inside the body), forwards cancel, cancelling, uncancel and the name to it,
 * and completes in the same pass as it (through {@link EventLoop#scheduleWaiter}, not one loop
 * iteration later), so awaiting the handle resumes exactly when awaiting asyncio's task would.
 * A body that returns anything else (an older task, a future) is awaited as before.
 */
final class SupplierTask<T> extends Coroutine<T> {
    private Supplier<? extends Task<T>> body;
    /** The body's machine this task merged into, or null. */
    private Coroutine<T> merged;

    SupplierTask(EventLoop loop, Supplier<? extends Task<T>> body) {
        super(loop);
        this.body = body;
        if (Context.inUse) {
            setContext(loop.currentContext().copy()); // a new task starts with a copy of its creator's context
        }
    }

    void scheduleFirstStep() {
        loop.schedule(this);
    }

    @Override
    protected void resume() {
        Supplier<? extends Task<T>> b = body;
        body = null; // let the lambda's captures go
        int lastIdBefore = loop.lastTaskId();
        // Out of the task set while the body runs: if it merges, its machine is the only task from
        // its first line on (allTasks() == {current()}); if not, it goes back in below.
        loop.live().remove(this);
        Task<T> inner;
        try {
            inner = b.get();
        } catch (Throwable e) {
            loop.live().add(this);
            throw e;
        }
        if (inner == null) {
            throw new NullPointerException("the task body " + b + " returned null instead of a Task");
        }
        if (inner instanceof Coroutine<T> c && c.loop == loop && c.outcome == PENDING && c.id() > lastIdBefore
                && (flags & MUST_CANCEL) == 0) {
            merge(c);
            return;
        }
        loop.live().add(this);
        returnTask(inner);
    }

    private void merge(Coroutine<T> c) {
        String name = customName();
        if (name != null) {
            c.setName(name);
        }
        merged = c;
        if (TaskEvents.finishedEnabled()) {
            TaskEvents.merged(this);
        }
        state = ADOPT;
        awaiting = c;
        c.addWaiter(this); // EventLoop.scheduleWaiter calls finishMerged() instead of queueing a step
    }

    /** True once merged: the loop completes this task inline when the body's machine completes. */
    boolean isMerged() {
        return merged != null;
    }

    /** The body's machine is done: take its outcome now, in the same pass (asyncio has one task). */
    void finishMerged() {
        adoptAwaited();
    }

    @Override
    public boolean cancel(String msg) {
        Coroutine<T> m = merged;
        if (m != null && outcome == PENDING) {
            return m.cancel(msg);
        }
        return super.cancel(msg);
    }

    @Override
    public int cancelling() {
        Coroutine<T> m = merged;
        return m != null ? m.cancelling() : super.cancelling();
    }

    @Override
    public int uncancel() {
        Coroutine<T> m = merged;
        return m != null ? m.uncancel() : super.uncancel();
    }

    @Override
    CancelOrigin cancelOrigin() {
        Coroutine<T> m = merged;
        return m != null ? m.cancelOrigin() : super.cancelOrigin();
    }

    @Override
    public String name() {
        Coroutine<T> m = merged;
        return m != null ? m.name() : super.name();
    }

    @Override
    public void setName(String name) {
        Coroutine<T> m = merged;
        if (m != null) {
            m.setName(name);
        } else {
            super.setName(name);
        }
    }
}
