package org.asyncio4j.it;

import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: an exception leaving nested @Async methods. Line numbers are asserted: keep the layout. */
public class Traces extends Fixture {
    @Async
    Task<String> outer() {
        log("outer");
        String s = Await.on(middle()); // AWAIT-OUTER
        return Task.completed(s);
    }

    @Async
    Task<String> middle() {
        Await.on(v(0));
        return Task.completed(Await.on(inner())); // AWAIT-MIDDLE
    }

    @Async
    Task<String> inner() {
        Await.on(v(1)); // AWAIT-INNER
        throw new IllegalStateException("deep"); // THROW-INNER
    }
}
