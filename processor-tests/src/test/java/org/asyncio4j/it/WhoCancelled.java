package org.asyncio4j.it;

import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Task;
import org.asyncio4j.TaskGroup;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;

/** Blueprint: cancellations whose CancelledError says who cancelled. Line numbers are asserted: keep the layout. */
public class WhoCancelled extends Fixture {
    /** The CancelledError each task caught, by task name. */
    final java.util.Map<String, CancelledError> caught = new java.util.LinkedHashMap<>();

    @Async
    Task<Integer> sleeper(String name) {
        Task.current().setName(name);
        try {
            Await.on(Asyncio.sleep(Duration.ofSeconds(10)));
        } catch (CancelledError e) {
            caught.put(name, e);
            throw e;
        }
        return Task.completed(1);
    }

    @Async
    Task<Integer> canceller(Task<Integer> victim, String msg) {
        Task.current().setName("canceller");
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        if (msg == null) {
            victim.cancel(); // CANCEL-CALL
        } else {
            victim.cancel(msg); // CANCEL-MSG
        }
        return Task.completed(0);
    }

    /** "victim" is cancelled by "canceller" after 1 s; returns what awaiting the victim raised. */
    @Async
    Task<CancelledError> oneCancelsAnother(String msg) {
        Task<Integer> victim = Asyncio.createTask(() -> sleeper("victim"));
        Await.on(Asyncio.createTask(() -> canceller(victim, msg)));
        try {
            Await.on(victim);
        } catch (CancelledError e) {
            return Task.completed(e);
        }
        return Task.completed(null);
    }

    @Async
    Task<Integer> failsAfter(Duration d) {
        Task.current().setName("bad");
        Await.on(Asyncio.sleep(d));
        throw new IllegalStateException("bad failed");
    }

    /** "bad" fails after 1 s: the group cancels "sibling" and its own parent, "main". */
    @Async
    Task<Integer> groupAbort() {
        Task.current().setName("main");
        try (TaskGroup g = new TaskGroup()) {
            g.spawn(() -> sleeper("sibling"));
            g.spawn(() -> failsAfter(Duration.ofSeconds(1)));
            try {
                Await.on(Asyncio.sleep(Duration.ofSeconds(10)));
            } catch (CancelledError e) {
                caught.put("main", e);
                throw e;
            }
        }
        return Task.completed(0);
    }

    /** A 2 s timeout cuts a 10 s sleep short. */
    @Async
    Task<Integer> timedOut() {
        Task.current().setName("main");
        try (Timeout t = Asyncio.timeout(Duration.ofSeconds(2))) { // TIMEOUT-SET
            try {
                Await.on(Asyncio.sleep(Duration.ofSeconds(10)));
            } catch (CancelledError e) {
                caught.put("main", e);
                throw e;
            }
        }
        return Task.completed(0);
    }

    @Async
    Task<Integer> failsWhenCancelled() {
        Task.current().setName("stubborn");
        try {
            Await.on(Asyncio.sleep(Duration.ofSeconds(10)));
        } catch (CancelledError e) {
            throw new IllegalStateException("cleanup failed");
        }
        return Task.completed(1);
    }

    /** "stubborn" fails instead of ending cancelled; nobody looks at its failure. */
    @Async
    Task<Integer> dropsAStubbornTask() {
        Task.current().setName("main");
        Task<Integer> t = Asyncio.createTask(this::failsWhenCancelled);
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        t.cancel();
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        return Task.completed(0);
    }
}
