package org.asyncio4j.http;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/** A CompletionStage completed on another thread, seen as a Task of {@code loop}. */
final class Bridge {
    private Bridge() {}

    static <T> Task<T> task(EventLoop loop, CompletionStage<T> stage) {
        Promise<T> p = new Promise<>();
        stage.whenComplete((v, e) -> loop.callSoonThreadsafe(() -> {
            if (e != null) {
                p.fail(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else {
                p.complete(v);
            }
        }));
        return p;
    }
}
