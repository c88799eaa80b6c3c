package org.asyncio4j;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code asyncio.wait}: a future completed from the tasks' done callbacks (or a timer) with the
 * done and pending sets. It never raises for the tasks' failures and never cancels them: cancelling
 * it (by cancelling its awaiter) only stops the waiting. It does not mark failures retrieved
 * either: the caller is expected to look at the tasks in {@code done()}. The sets are taken when
 * the awaiter resumes (asyncio's timing); anyone else looking earlier sees them as of the release.
 */
final class Wait<T> extends FutureBase<Done<T>> implements Consumer<Task<T>> {
    private final Set<Task<T>> tasks;
    private final ReturnWhen returnWhen;
    private int left;
    private TimerHandle timer;
    private boolean taken;

    private Wait(EventLoop loop, Set<Task<T>> tasks, ReturnWhen returnWhen) {
        super(loop);
        this.tasks = tasks;
        this.returnWhen = returnWhen;
        this.left = tasks.size();
    }

    static <T> Task<Done<T>> wait(Collection<? extends Task<T>> tasks, ReturnWhen returnWhen, Duration timeoutOrNull) {
        Objects.requireNonNull(tasks, "wait: the collection of tasks must not be null");
        Objects.requireNonNull(returnWhen, "wait: returnWhen must not be null (ReturnWhen.ALL_COMPLETED waits for all)");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        EventLoop loop = EventLoop.current();
        Set<Task<T>> set = new LinkedHashSet<>();
        for (Task<T> t : tasks) {
            if (t == null) {
                throw new NullPointerException("wait: the collection contains a null task");
            }
            set.add(t);
        }
        Wait<T> w = new Wait<>(loop, set, returnWhen);
        w.flags |= TAKE_HOOK;
        if (timeoutOrNull != null) {
            w.timer = loop.callLater(timeoutOrNull, w::release);
        }
        for (Task<T> t : set) {
            t.addDoneCallback(w);
        }
        return w;
    }

    /** A task is done (run from the ready queue). */
    @Override
    public void accept(Task<T> t) {
        left--;
        if (left <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !t.isCancelled() && failureOf(t) != null)) {
            release();
        }
    }

    private static Throwable failureOf(Task<?> t) {
        return t instanceof FutureBase<?> f ? f.peekFailure() : t.exception();
    }

    /** Stops waiting and wakes the awaiter. */
    private void release() {
        if (isDone()) {
            return;
        }
        cleanUp();
        setValue(sets());
    }

    private Done<T> sets() {
        Set<Task<T>> done = new LinkedHashSet<>();
        Set<Task<T>> pending = new LinkedHashSet<>();
        for (Task<T> t : tasks) {
            (t.isDone() ? done : pending).add(t);
        }
        return new Done<>(done, pending);
    }

    /**
     * The awaiter resumes: take the sets again now, as asyncio computes them in the awaiting task
     * after {@code await waiter}, so a task that finished since the release counts as done.
     */
    @Override
    void taken(boolean dropped) {
        if (!taken && !dropped && !isCancelled()) {
            taken = true;
            outcome = sets();
        }
    }

    private void cleanUp() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        for (Task<T> t : tasks) {
            t.removeDoneCallback(this);
        }
    }

    /** Cancelling the wait stops waiting; the tasks are left alone. */
    @Override
    public boolean cancel(String msg) {
        loop.checkThread();
        if (isDone()) {
            return false;
        }
        cleanUp();
        return setCancelled(CancelOrigin.error(loop, this, msg));
    }

    @Override
    public String name() {
        return "wait";
    }
}
