package org.asyncio4j;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code asyncio.wait_for}, 3.12+ semantics: {@code wait_for(t, d)} is
 * {@code async with timeout(d): return await t}. Written as the machine the processor would emit
 * for that {@code @Async} method, so it starts eagerly and is its own task:
 * <ul>
 * <li>At the deadline the timeout cancels this task, which forwards the cancel to {@code task}; this
 *   task then waits for {@code task} to finish its cleanup and fails with
 *   {@link AsyncTimeoutException} (cause: the CancelledError), unless {@code task} suppressed the
 *   cancel (its result wins) or raised something else (that propagates).
 * <li>A timeout of zero or less: a done {@code task} gives its outcome; otherwise it is cancelled,
 *   awaited, and AsyncTimeoutException follows if it ended cancelled.
 * <li>A null timeout is a plain await: {@code task} itself is returned.
 * </ul>
 */
final class WaitFor<T> extends Coroutine<T> {
    private final Task<T> task;
    private final Duration timeout;
    private Timeout cm;
    private Promise<Void> released;
    private Consumer<Task<T>> release;

    private WaitFor(EventLoop loop, Task<T> task, Duration timeout) {
        super(loop);
        this.task = task;
        this.timeout = timeout;
    }

    static <T> Task<T> waitFor(Task<T> task, Duration timeout) {
        Objects.requireNonNull(task, "waitFor(null, ...): pass the task to wait for");
        if (timeout == null) {
            return task;
        }
        return new WaitFor<>(EventLoop.current(), task, timeout).start();
    }

    @Override
    @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
    protected void resume() throws Throwable {
        switch (state) {
            case 0:
                if (Durations.toNanos(timeout) <= 0) {
                    if (task.isDone()) {
                        returnTask(task);
                        return;
                    }
                    // _cancel_and_wait: cancel, then wait for the task to finish its cleanup.
                    released = new Promise<>(loop);
                    release = t -> released.complete(null);
                    task.addDoneCallback(release);
                    task.cancel();
                    if (await(released, 2)) return;
                    resumeAfterCancel();
                    return;
                }
                cm = Timeout.after(timeout).enter();
                if (await(task, 1)) return;
            case 1: {
                T value = null;
                Throwable pending = null;
                try {
                    value = awaited();
                } catch (Throwable e) {
                    pending = e;
                }
                Throwable exit = cm.closeAsync(pending).exception();
                cm = null;
                if (exit != null) {
                    throw exit;
                }
                if (pending != null) {
                    throw pending;
                }
                returnValue(value);
                return;
            }
            case 2:
                resumeAfterCancel();
                return;
            default:
                throw new IllegalStateException("WaitFor: bad state " + state);
        }
    }

    private void resumeAfterCancel() {
        try {
            awaited();
        } finally {
            task.removeDoneCallback(release);
        }
        if (task.isCancelled()) {
            CancelledError ce;
            try {
                task.result();
                throw new AssertionError("a cancelled task returned a result");
            } catch (CancelledError e) {
                ce = e;
            }
            throw new AsyncTimeoutException("waitFor: the task did not complete within " + Durations.text(Durations.toNanos(timeout))
                    + " (it was cancelled)", ce);
        }
        returnTask(task);
    }
}
