package org.asyncio4j.http;

import java.time.Duration;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Handlers written as @Async methods, as users would; they log what happens to them. */
class Handlers {
    final List<String> log;

    Handlers(List<String> log) {
        this.log = log;
    }

    /** Never answers; logs its cancellation. */
    @Async
    Task<Response> forever(Request r) {
        log.add("handler started " + r + " at " + Raw.ms());
        try {
            Await.on(new Promise<Void>());
        } catch (CancelledError e) {
            log.add("handler cancelled at " + Raw.ms());
            throw e;
        }
        return Task.completed(Response.text("never"));
    }

    /** Answers after {@code d}. */
    @Async
    Task<Response> slow(Request r, Duration d) {
        log.add("slow handler started at " + Raw.ms());
        try {
            Await.on(Asyncio.sleep(d));
        } catch (CancelledError e) {
            log.add("slow handler cancelled at " + Raw.ms());
            throw e;
        }
        log.add("slow handler answers at " + Raw.ms());
        return Task.completed(Response.text("slept " + d.toMillis() + "ms\n"));
    }
}
