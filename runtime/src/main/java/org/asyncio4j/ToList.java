package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link AsyncIterable#toList()}: drains an iterator with done callbacks (no machine needed). Elements
 * that are ready at once are taken in a loop, not by recursion, so a long ready run cannot overflow
 * the stack.
 */
final class ToList<T> implements Consumer<Task<Boolean>> {
    private final AsyncIterator<T> it;
    private final List<T> items = new ArrayList<>();
    private final Promise<List<T>> result = new Promise<>(EventLoop.current());
    private Task<Boolean> pending;

    private ToList(AsyncIterator<T> it) {
        this.it = it;
    }

    static <T> Task<List<T>> start(AsyncIterator<T> it) {
        ToList<T> t = new ToList<>(it);
        t.result.addDoneCallback(done -> {
            if (done.isCancelled()) {
                t.cancelled();
            }
        });
        t.step();
        return t.result;
    }

    /** Takes every element that is ready now; registers for the first one that is not. */
    private void step() {
        while (!result.isDone()) {
            Task<Boolean> has;
            try {
                has = it.hasNext();
            } catch (Throwable e) {
                close(e);
                return;
            }
            if (!has.isDone()) {
                pending = has;
                has.addDoneCallback(this);
                return;
            }
            if (!take(has)) {
                return;
            }
        }
    }

    @Override
    public void accept(Task<Boolean> has) {
        pending = null;
        if (!result.isDone() && take(has)) {
            step();
        }
    }

    /** Consumes one hasNext outcome; false when the run ended (at the end or by a failure). */
    private boolean take(Task<Boolean> has) {
        try {
            if (has.isCancelled()) {
                close(new CancelledError("the iterator's hasNext() was cancelled"));
                return false;
            }
            Throwable failure = has.exception();
            if (failure != null) {
                close(failure);
                return false;
            }
            if (!has.result()) {
                close(null);
                return false;
            }
            items.add(it.next());
            return true;
        } catch (Throwable e) {
            close(e);
            return false;
        }
    }

    private void cancelled() {
        Task<Boolean> p = pending;
        if (p != null) {
            p.cancel();
        }
        closeQuietly(new CancelledError());
    }

    /** Closes the iterator, then completes the result with the list or {@code failure}. */
    private void close(Throwable failure) {
        Task<Void> closing;
        try {
            closing = it.closeAsync(failure);
        } catch (Throwable e) {
            result.fail(e);
            return;
        }
        Consumer<Task<Void>> finish = c -> {
            Throwable closeFailure = c.isCancelled() ? new CancelledError() : c.exception();
            if (closeFailure != null) {
                result.fail(closeFailure);
            } else if (failure != null) {
                result.fail(failure);
            } else {
                result.complete(items);
            }
        };
        if (closing.isDone()) {
            finish.accept(closing);
        } else {
            closing.addDoneCallback(finish);
        }
    }

    private void closeQuietly(Throwable why) {
        try {
            Task<Void> closing = it.closeAsync(why);
            closing.addDoneCallback(c -> {
                Throwable e = c.isCancelled() ? null : c.exception();
                if (e != null) {
                    // The toList() task is already cancelled: the loop's handler is the one left to tell.
                    EventLoop.current().report("closing an AsyncIterator after toList() was cancelled", e, null);
                }
            });
        } catch (Throwable e) {
            EventLoop.current().report("closing an AsyncIterator after toList() was cancelled", e, null);
        }
    }
}
