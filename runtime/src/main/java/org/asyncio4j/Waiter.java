package org.asyncio4j;


/**
 * Low-level: one pending operation of a synchronization primitive or queue (a lock acquire, a queue
 * get, ...), sitting in a fair FIFO {@link WaitQueue} until the primitive completes it. It is the
 * {@link Task} the caller awaits, so an await costs this one object and nothing else.
 *
 * <p><b>Not for users</b>: public only because {@code org.asyncio4j.sync} and {@code org.asyncio4j.queue}
 * are built on it; it shares the loop's package-private task state, so it cannot live in
 * {@link org.asyncio4j.spi} (Java has no narrower access between packages). May change in any release.
 *
 * <p>It reproduces asyncio's shape, where a primitive's coroutine does {@code await fut} and then
 * runs some bookkeeping in the awaiting task: the primitive completes the waiter ({@link #succeed},
 * {@link #failWith}, {@link #cancelNow}), and the bookkeeping goes in {@link #onTaken(boolean)},
 * which runs when the awaiting task resumes and takes the outcome (one loop iteration later, as in
 * asyncio). That is where the subtle cases are solved once:
 * <ul>
 * <li>a waiter woken and then cancelled before its task ran gets {@code onTaken(true)}
 *   ({@code dropped}): its task raises {@code CancelledError} instead of taking the grant, so the
 *   primitive passes the wake-up on instead of losing it;
 * <li>a cancelled waiter leaves the queue at once ({@link #onCancel}), so it never takes a wake-up;
 * <li>{@code onTaken} may still choose the outcome ({@link #replaceResult}): a queue getter takes
 *   its item when its task runs, exactly as asyncio's {@code get()} does.
 * </ul>
 * When the waiter is not awaited by exactly one coroutine (a done callback, or nobody yet),
 * {@code onTaken(false)} runs as soon as it is completed. Reading {@link #result()} first also runs it.
 *
 * <p>All methods run on the loop thread.
 *
 * @param <T> the result the awaiting task receives
 */
public abstract class Waiter<T> extends FutureBase<T> {
    Waiter<?> prev;
    Waiter<?> next;
    WaitQueue<?> queue;
    /**
     * Set by {@link #recycleWhenTaken()}: the awaiting coroutine hands the waiter back through
     * {@link #recycled()} once it has read a successful outcome (see {@link Coroutine#task(Object, Task)}).
     */
    boolean recycle;

    /**
     * A pending waiter of {@code loop}; add it to a {@link WaitQueue}, or complete it at once.
     *
     * @param loop the loop the waiter belongs to (its primitive's)
     */
    protected Waiter(EventLoop loop) {
        super(loop);
    }

    /**
     * True while the waiter sits in a {@link WaitQueue}.
     *
     * @return whether it is in a queue
     */
    public final boolean isQueued() {
        return queue != null;
    }

    /** Removes the waiter from its queue, if it is in one. */
    protected final void unlink() {
        WaitQueue<?> q = queue;
        if (q != null) {
            q.remove(this);
        }
    }

    // ------------------------------------------------------------------ completing (by the primitive)

    /**
     * Makes a waiter that was never queued nor awaited done with {@code value} at once (the
     * uncontended fast path: no loop iteration, like asyncio's fast paths).
     *
     * @param value the result
     */
    protected final void succeedAtOnce(T value) {
        if (outcome != PENDING || waiters != null || queue != null) {
            throw new IllegalStateException("succeedAtOnce on a waiter already in use: " + this);
        }
        outcome = value;
    }

    /**
     * Completes with {@code value} (leaving the queue); false if already done.
     *
     * @param value the result
     * @return true if this completed the waiter
     */
    protected final boolean succeed(T value) {
        return finish(value, false);
    }

    /**
     * Completes with {@code error} (leaving the queue); false if already done.
     *
     * @param error the failure
     * @return true if this completed the waiter
     */
    protected final boolean failWith(Throwable error) {
        return finish(new Failure(error), false);
    }

    /**
     * Completes cancelled with a new {@link CancelledError}(msg) (leaving the queue).
     *
     * @param msg the cancel message, or null
     * @return true if this cancelled the waiter
     */
    protected final boolean cancelNow(String msg) {
        return finish(new Failure(CancelOrigin.error(loop, this, msg)), true);
    }

    private boolean finish(Object o, boolean cancelled) {
        if (outcome != PENDING) {
            return false;
        }
        unlink();
        // One coroutine awaits: it takes the outcome when it resumes. Otherwise nobody can be
        // told later, so the bookkeeping runs now.
        boolean deferred = waiters instanceof Coroutine<?>;
        outcome = o;
        if (cancelled) {
            flags |= CANCELLED;
        }
        if (deferred) {
            flags |= TAKE_HOOK;
        }
        afterOutcome();
        if (!deferred) {
            onTaken(false);
        }
        return true;
    }

    /**
     * Inside {@link #onTaken}: the result the task takes instead of the one completed with.
     *
     * @param value the result the awaiting task receives
     */
    protected final void replaceResult(T value) {
        if (isCancelled()) {
            throw new IllegalStateException("replaceResult on a cancelled waiter " + this);
        }
        outcome = value;
    }

    /**
     * Inside {@link #onTaken}: the task receives {@code error} instead of the result.
     *
     * @param error the failure the awaiting task receives
     */
    protected final void replaceFailure(Throwable error) {
        if (isCancelled()) {
            throw new IllegalStateException("replaceFailure on a cancelled waiter " + this);
        }
        outcome = new Failure(error); // read at once by the taker: no "never retrieved" report
    }

    // ------------------------------------------------------------------ hooks

    /**
     * {@code cancel(msg)} on the pending waiter. The default leaves the queue and ends cancelled.
     * A primitive may keep it pending instead (a Condition waiter must first re-acquire its lock);
     * return true if the cancel was accepted.
     *
     * @param msg the cancel message, or null
     * @return true if the cancel was accepted
     */
    protected boolean onCancel(String msg) {
        return cancelNow(msg);
    }

    /**
     * The awaiting task resumed and takes the outcome (or, {@code dropped}, raises a cancel it
     * received after the waiter was completed). Runs exactly once per completed waiter.
     *
     * @param dropped true if the awaiting task was cancelled after the waiter completed: it raises the cancel and does not take the outcome, which the primitive should pass on
     */
    protected void onTaken(boolean dropped) {}

    @Override
    final void taken(boolean dropped) {
        flags &= ~TAKE_HOOK;
        onTaken(dropped);
    }

    private void takeIfHooked() {
        if ((flags & TAKE_HOOK) != 0) {
            taken(false);
        }
    }

    // ------------------------------------------------------------------ reuse (allocation-free hand-offs)

    /**
     * Called by generated code (through {@link Coroutine#task(Object, Task)}) when this waiter is the
     * value of {@code receiver.m()} awaited directly: the expression's value went nowhere but into
     * the await. A primitive that knows the waiter was made by that very call (not handed out before,
     * not kept) may then call {@link #recycleWhenTaken()}. The default does nothing.
     *
     * @param receiver the object the awaited call was made on
     */
    protected void awaitedDirectly(Object receiver) {}

    /**
     * Inside {@link #awaitedDirectly}: once the awaiting coroutine has taken a successful outcome,
     * reset this waiter to pending and call {@link #recycled()}, where the primitive keeps it for its
     * next wait. Nobody else can hold it: only the coroutine saw it, and it has dropped it by then. A
     * failed, cancelled or dropped outcome is never recycled (the waiter is left to the GC).
     */
    protected final void recycleWhenTaken() {
        recycle = true;
    }

    /**
     * Whether this waiter belongs to {@code l} (a kept waiter serves only its own loop).
     *
     * @param l a loop
     * @return whether this waiter belongs to it
     */
    protected final boolean isOn(EventLoop l) {
        return loop == l;
    }

    /** Reset to pending after a successful take: see {@link #recycleWhenTaken()}. The default does nothing. */
    protected void recycled() {}

    /** Run by the awaiting coroutine after it read a successful outcome, when {@link #recycle} is set. */
    final void recycleNow() {
        assert queue == null && waiters == null && (flags & TAKE_HOOK) == 0 : "recycling a waiter still in use: " + this;
        recycle = false;
        outcome = PENDING;
        flags = 0;
        recycled();
    }

    // ------------------------------------------------------------------ Task

    @Override
    public final boolean cancel(String msg) {
        EventLoop l = loop;
        if (l != null) {
            l.checkThread();
        }
        if (outcome != PENDING) {
            markRetrieved();
            return false; // too late: the task that awaits it gets the cancel at its await instead
        }
        return onCancel(msg);
    }

    @Override
    public final T result() {
        takeIfHooked();
        return super.result();
    }

    @Override
    public final Throwable exception() {
        takeIfHooked();
        return super.exception();
    }
}
