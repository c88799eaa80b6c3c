package org.asyncio4j;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code asyncio.shield}: an outer future that mirrors {@code inner} but whose cancellation does
 * not reach {@code inner}. Cancelling the outer one (e.g. by cancelling the task awaiting it)
 * cancels only the outer: the awaiter gets CancelledError at once, {@code inner} runs on, and its
 * outcome is then dropped (a failure is marked retrieved, as asyncio does). A done {@code inner} is
 * returned as it is.
 */
final class Shield {
    private Shield() {}

    static <T> Task<T> shield(Task<T> inner) {
        Objects.requireNonNull(inner, "shield(null): pass the task to protect");
        if (inner.isDone()) {
            return inner;
        }
        EventLoop loop = inner instanceof FutureBase<?> f && f.loop != null ? f.loop : EventLoop.current();
        Promise<T> outer = new Promise<>(loop);
        Consumer<Task<T>> innerDone = t -> {
            if (outer.isCancelled()) {
                if (!t.isCancelled()) {
                    t.exception(); // nobody will look at it any more: mark it retrieved
                }
                return;
            }
            if (t.isCancelled()) {
                outer.cancel();
                return;
            }
            Throwable e = t.exception();
            if (e != null) {
                outer.fail(e);
            } else {
                outer.complete(t.result());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
