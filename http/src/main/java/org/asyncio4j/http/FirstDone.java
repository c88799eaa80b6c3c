package org.asyncio4j.http;

import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/** A task done when the first of two tasks is done (their outcomes stay in them); asyncio's wait(FIRST_COMPLETED). */
final class FirstDone {
    private FirstDone() {}

    static Task<Void> of(Task<?> a, Task<?> b) {
        Promise<Void> p = new Promise<>();
        if (a.isDone() || b.isDone()) {
            p.complete(null);
            return p;
        }
        a.addDoneCallback(t -> p.complete(null));
        b.addDoneCallback(t -> p.complete(null));
        return p;
    }
}
