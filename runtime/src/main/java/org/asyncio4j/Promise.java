package org.asyncio4j;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A task completed by hand (asyncio's {@code loop.create_future()}). {@code new Promise<>()} binds to
 * the running loop (or, made outside any loop, to the first loop that awaits it). {@link #complete}
 * and {@link #fail} may be called from any thread: the first call wins and returns true, and the
 * waiters are resumed on the loop thread.
 * @param <T> the type of the value the promise completes with
 */
public final class Promise<T> extends FutureBase<T> {
    /** Cancels the source of the value (a wrapped stage, an executor job), or null. */
    private Runnable onCancel;

    /**
     * A pending promise, bound to the loop running on the calling thread, or, made outside any loop, to the first loop
     * that awaits it.
     */
    public Promise() {
        super(EventLoop.currentOrNull());
    }

    Promise(EventLoop loop) {
        super(loop);
    }

    /**
     * A promise completed when {@code stage} completes (on whatever thread that happens): asyncio's
     * {@code wrap_future}. Cancelling the promise cancels the stage's future
     * ({@code toCompletableFuture().cancel(true)}, where the stage supports it), and a stage that
     * ends cancelled ({@link CancellationException}) cancels the promise.
     */
    static <T> Promise<T> from(EventLoop loop, CompletionStage<T> stage) {
        Promise<T> p = new Promise<>(loop);
        p.onCancel = () -> cancelStage(stage);
        stage.whenComplete((v, e) -> {
            if (e == null) {
                p.complete(v);
                return;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof CancellationException ce) {
                p.cancelFromAnyThread(ce.getMessage());
            } else {
                p.fail(cause);
            }
        });
        return p;
    }

    /** Cancels the future behind {@code stage}; a stage that cannot be cancelled is left alone. */
    static void cancelStage(CompletionStage<?> stage) {
        CompletableFuture<?> cf;
        try {
            cf = stage.toCompletableFuture();
        } catch (UnsupportedOperationException notAFuture) {
            return; // a stage with no future behind it (asyncio: a source that cannot be cancelled)
        }
        // true: a plain CompletableFuture ignores it, but the JDK HttpClient's futures abort the
        // exchange only when asked with mayInterruptIfRunning (what waitFor/Timeout on sendAsync want).
        cf.cancel(true);
    }

    /** Cancels this promise from any thread: on the loop at once, else through callSoonThreadsafe. */
    void cancelFromAnyThread(String msg) {
        EventLoop l = (EventLoop) LOOP.getVolatile(this);
        if (l == null || l.inEventLoop()) {
            if (l == null) {
                cancelUnbound(msg);
            } else {
                cancel(msg);
            }
        } else {
            l.callSoonThreadsafeIfOpen(() -> cancel(msg));
        }
    }

    private void cancelUnbound(String msg) {
        if (OUTCOME.compareAndSet(this, PENDING, new Failure(new CancelledError(msg)))) {
            flags |= CANCELLED;
        }
    }

    /**
     * Sets the hook run once when this promise is cancelled (by {@link #cancel}): cancels what
     * produces the value (the stage, the executor job). Set before the promise is shared.
     */
    void onCancel(Runnable hook) {
        this.onCancel = hook;
    }

    /**
     * Sets the result; false if already done. Safe from any thread.
     * @param value the result; may be null
     * @return true if this call completed the promise, false if it was already done (the value is then dropped)
     */
    public boolean complete(T value) {
        return finish(value);
    }

    /**
     * Sets the failure; false if already done. Safe from any thread.
     * @param error the failure awaiting tasks see; not null
     * @return true if this call failed the promise, false if it was already done
     */
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
            l.checkThread("Task.cancel()");
        }
        CancelledError ce = CancelOrigin.error(l, this, msg);
        if (!OUTCOME.compareAndSet(this, PENDING, new Failure(ce))) {
            markRetrieved();
            return false;
        }
        flags |= CANCELLED;
        Runnable hook = onCancel;
        if (hook != null) {
            onCancel = null;
            try {
                hook.run();
            } catch (RuntimeException e) {
                // The cancel itself stands; what failed is stopping the source: say so, do not lose it.
                l.callExceptionHandler("cancelling the source of " + name() + " failed", e, this);
            }
        }
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
