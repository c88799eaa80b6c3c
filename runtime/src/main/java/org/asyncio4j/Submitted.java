package org.asyncio4j;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The loop side of {@link EventLoop#submit}: on the loop thread, creates the task and chains it to
 * the caller's future both ways (asyncio's {@code _chain_future}).
 */
final class Submitted<T> implements Runnable {
    private final EventLoop loop;
    private final Supplier<? extends Task<T>> body;
    private final CompletableFuture<T> future;
    /** A copy of the submitting thread's context, or null when contextvars are unused. */
    private final Context context;

    Submitted(EventLoop loop, Supplier<? extends Task<T>> body, CompletableFuture<T> future, Context context) {
        this.loop = loop;
        this.body = body;
        this.future = future;
        this.context = context;
    }

    @Override
    public void run() {
        if (future.isDone()) {
            return; // cancelled by the caller before the loop got here: the body never runs
        }
        SupplierTask<T> task = new SupplierTask<>(loop, body);
        if (context != null) {
            task.setContext(context);
        }
        task.scheduleFirstStep();
        task.addDoneCallback(t -> {
            if (t.isCancelled()) {
                future.cancel(false);
                return;
            }
            Throwable e = t.exception(); // marks it retrieved: the caller's future carries it on
            if (e != null) {
                future.completeExceptionally(e);
            } else {
                future.complete(t.result());
            }
        });
        future.whenComplete((v, e) -> {
            if (future.isCancelled() && !task.isDone()) {
                // Any thread may cancel the future; the task is cancelled on its loop.
                loop.callSoonThreadsafeIfOpen(() -> task.cancel());
            }
        });
    }

    /** The loop closed before this ran: the body never runs, and the caller's future is cancelled. */
    void abandon() {
        future.cancel(false);
    }

    @Override
    public String toString() {
        return "EventLoop.submit(" + body + ")";
    }
}
