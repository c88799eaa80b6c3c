package org.asyncio4j;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A task completed by hand (asyncio's {@code loop.create_future()}). {@code new Promise<>()} binds to
 * the running loop (or, made outside any loop, to the first loop that awaits it). {@link #complete}
 * and {@link #fail} may be called from any thread: the first call wins and returns true, and the
 * waiters are resumed on the loop thread.
 */
public final class Promise<T> extends FutureBase<T> {

    public Promise() {
        super(EventLoop.currentOrNull());
    }

    Promise(EventLoop loop) {
        super(loop);
    }

    /** A promise completed when {@code stage} completes (on whatever thread that happens). */
    static <T> Promise<T> from(EventLoop loop, CompletionStage<T> stage) {
        Promise<T> p = new Promise<>(loop);
        stage.whenComplete((v, e) -> {
            if (e == null) {
                p.complete(v);
            } else {
                p.fail(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
        });
        return p;
    }

    /** Sets the result; false if already done. Safe from any thread. */
    public boolean complete(T value) {
        return finish(value);
    }

    /** Sets the failure; false if already done. Safe from any thread. */
    public boolean fail(Throwable error) {
        if (error == null) {
            throw new NullPointerException("Promise.fail(null): pass the exception");
        }
        return finish(new Failure(error));
    }

    private boolean finish(Object o) {
        if (!OUTCOME.compareAndSet(this, PENDING, o)) {
            return false;
        }
        EventLoop l = (EventLoop) LOOP.getVolatile(this);
        if (l == null) {
            return true; // unbound: nobody can be waiting yet; a later await sees it done
        }
        if (l.inEventLoop()) {
            afterOutcome();
        } else {
            // A loop closing meanwhile has nobody left to wake: the completion still counts.
            l.callSoonThreadsafeIfOpen(this::afterOutcome);
        }
        return true;
    }

    @Override
    public boolean cancel(String msg) {
        EventLoop l = loop;
        if (l != null) {
            l.checkThread();
        }
        CancelledError ce = new CancelledError(msg);
        if (!OUTCOME.compareAndSet(this, PENDING, new Failure(ce))) {
            markRetrieved();
            return false;
        }
        flags |= CANCELLED;
        if (l != null) {
            afterOutcome();
        }
        return true;
    }

    @Override
    public void addDoneCallback(Consumer<? super Task<T>> callback) {
        if (loop == null) {
            bindLoop(EventLoop.current());
        }
        super.addDoneCallback(callback);
    }

    @Override
    public String name() {
        return "Promise@" + Integer.toHexString(System.identityHashCode(this));
    }
}
