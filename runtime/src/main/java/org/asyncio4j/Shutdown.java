package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;

/** The end of {@code Asyncio.run} (asyncio's {@code runners._cancel_all_tasks}). */
final class Shutdown {
    private Shutdown() {}

    static final String LEFTOVER_FAILURE = "unhandled exception during Asyncio.run() shutdown";

    /** Cancels every pending task, runs the loop until all are done, reports their failures. */
    static void cancelAllTasks(EventLoop loop) {
        if (loop.isClosed()) {
            return;
        }
        List<Task<?>> tasks = loop.allTasks();
        if (tasks.isEmpty()) {
            return;
        }
        loop.cancelReason = CancelOrigin.SHUTDOWN;
        try {
            for (Task<?> t : tasks) {
                t.cancel();
            }
        } finally {
            loop.cancelReason = null;
        }
        loop.runUntilAllDone(tasks);
        for (Task<?> t : tasks) {
            if (t.isCancelled()) {
                continue;
            }
            Throwable e = ((FutureBase<?>) t).peekFailure();
            if (e != null) {
                ((FutureBase<?>) t).markRetrieved();
                loop.callExceptionHandler(LEFTOVER_FAILURE, e, t);
            }
        }
    }
}
