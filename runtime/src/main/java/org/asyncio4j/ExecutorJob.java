package org.asyncio4j;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A {@code runInExecutor}/{@code toThread} job: a {@link FutureTask} so that cancelling the task
 * that awaits it stops a job not yet started (asyncio cancels the concurrent future, which then
 * never runs), and completes its promise when it ends.
 */
final class ExecutorJob<T> extends FutureTask<T> {
    private final Promise<T> promise;
    private final EventLoop loop;

    ExecutorJob(Callable<T> work, Promise<T> promise, EventLoop loop) {
        super(work);
        this.promise = promise;
        this.loop = loop;
    }

    /** The promise was cancelled (loop thread): cancel the job, and drop it from a pool's queue. */
    void cancelBy(Executor ex) {
        if (cancel(false) && ex instanceof ThreadPoolExecutor pool) {
            pool.remove(this); // frees the queue slot now rather than when a worker reaches it
        }
    }

    @Override
    protected void done() {
        if (isCancelled()) {
            return; // cancelled through the promise, which is already cancelled
        }
        try {
            promise.complete(get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!promise.fail(cause) && promise.isCancelled() && !(cause instanceof CancellationException)) {
                // The job was already running when its task was cancelled: asyncio drops this
                // failure with the result; we report it so it is not lost.
                loop.callSoonThreadsafeIfOpen(() -> loop.callExceptionHandler(
                        "an executor job failed after the task awaiting it was cancelled", cause, promise));
            }
        } catch (InterruptedException | CancellationException e) {
            promise.fail(e); // not reached: done() runs after the outcome is set and never cancelled here
        }
    }
}
