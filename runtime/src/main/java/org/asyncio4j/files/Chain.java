package org.asyncio4j.files;

import java.util.function.Function;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/** Continuations for the hand-written (not processor-generated) code of this package. Loop thread only. */
final class Chain {
    private Chain() {}

    /** A task with {@code f} applied to {@code t}'s result; failures pass through; cancelling it cancels {@code t}. */
    static <A, B> Task<B> map(Task<A> t, Function<? super A, ? extends B> f) {
        Promise<B> p = new Promise<>();
        t.addDoneCallback(done -> {
            if (done.isCancelled()) {
                p.cancel(null);
                return;
            }
            Throwable e = done.exception();
            if (e != null) {
                p.fail(e);
                return;
            }
            try {
                p.complete(f.apply(done.result()));
            } catch (RuntimeException | Error x) {
                p.fail(x);
            }
        });
        p.addDoneCallback(done -> {
            if (done.isCancelled()) {
                t.cancel();
            }
        });
        return p;
    }
}
