package org.asyncio4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code asyncio.as_completed} as a list of slots: slot i takes the outcome of the i-th input to
 * finish (value, failure, or cancellation), whichever slot is awaited first. At the timeout every
 * slot still empty fails with {@link AsyncTimeoutException}; the inputs are not cancelled.
 *
 * <p>asyncio hands completions over through a queue, so a completion is never lost when the
 * awaiter of a slot is cancelled; here a slot already cancelled that way is skipped and the
 * completion goes to the next slot.
 */
final class AsCompleted<T> implements Consumer<Task<T>> {
    private final List<Promise<T>> slots;
    private final Set<Task<T>> todo;
    private int next;
    private TimerHandle timer;

    private String timeoutText;

    private AsCompleted(EventLoop loop, Set<Task<T>> todo) {
        this.todo = todo;
        this.slots = new ArrayList<>(todo.size());
        for (int i = 0; i < todo.size(); i++) {
            slots.add(new Promise<>(loop));
        }
    }

    static <T> List<Task<T>> asCompleted(Collection<? extends Task<T>> tasks, Duration timeoutOrNull) {
        Objects.requireNonNull(tasks, "asCompleted: the collection of tasks must not be null");
        EventLoop loop = EventLoop.current();
        Set<Task<T>> set = new LinkedHashSet<>();
        for (Task<T> t : tasks) {
            if (t == null) {
                throw new NullPointerException("asCompleted: the collection contains a null task");
            }
            set.add(t);
        }
        AsCompleted<T> ac = new AsCompleted<>(loop, set);
        for (Task<T> t : set) {
            t.addDoneCallback(ac);
        }
        if (!set.isEmpty() && timeoutOrNull != null) {
            ac.timeoutText = Durations.text(Durations.toNanos(timeoutOrNull));
            ac.timer = loop.callLater(timeoutOrNull, ac::timeout);
        }
        return List.copyOf(ac.slots);
    }

    /** An input finished: hand its outcome to the next open slot. */
    @Override
    public void accept(Task<T> t) {
        if (!todo.remove(t)) {
            return; // the timeout came first
        }
        Promise<T> slot = nextOpenSlot();
        if (slot == null) {
            return; // every remaining slot was cancelled by its awaiter: nobody will look
        }
        if (t.isCancelled()) {
            slot.cancel(cancelMessage(t));
        } else {
            Throwable e = t.exception();
            if (e != null) {
                slot.fail(e);
            } else {
                slot.complete(t.result());
            }
        }
        if (todo.isEmpty() && timer != null) {
            timer.cancel();
        }
    }

    private Promise<T> nextOpenSlot() {
        while (next < slots.size() && slots.get(next).isDone()) {
            next++;
        }
        return next < slots.size() ? slots.get(next++) : null;
    }

    private static String cancelMessage(Task<?> t) {
        Throwable e = t instanceof FutureBase<?> f ? f.peekFailure() : null;
        return e == null ? null : e.getMessage();
    }

    private void timeout() {
        for (Task<T> t : todo) {
            t.removeDoneCallback(this);
        }
        todo.clear();
        for (int i = next; i < slots.size(); i++) {
            Promise<T> s = slots.get(i);
            if (!s.isDone()) {
                s.fail(new AsyncTimeoutException("asCompleted: the timeout of " + timeoutText
                        + " expired before this task completed"));
                // Slots past the one the caller gave up on are never awaited (asyncio leaves its
                // sentinels in a queue): the timeout is not a failure to report.
                s.markRetrieved();
            }
        }
    }
}
