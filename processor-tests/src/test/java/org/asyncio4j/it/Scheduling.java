package org.asyncio4j.it;

import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: the fast path and eager start. */
public class Scheduling extends Fixture {
    Task<?> current;

    @Async
    Task<Integer> fastPath() {
        EventLoop.current().callSoon(() -> log("next iteration"));
        int sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += Await.on(Task.completed(i));
        }
        Promise<String> p = new Promise<>();
        p.complete("done promise");
        log(Await.on(p));
        log(Await.on(alreadyDoneChild()));
        log("after done awaits");
        Await.on(Asyncio.yieldNow());
        log("after yield");
        return Task.completed(sum);
    }

    @Async
    Task<String> alreadyDoneChild() {
        return Task.completed("child finished eagerly");
    }

    @Async
    Task<Void> child(int n) {
        log(n + "-start");
        Await.on(Asyncio.yieldNow());
        log(n + "-resume");
        return Task.completed();
    }

    @Async
    Task<Void> eager() {
        log("before");
        Task<Void> t1 = child(1);
        Task<Void> t2 = child(2);
        log("after");
        Await.on(t1);
        Await.on(t2);
        return Task.completed();
    }

    @Async
    Task<Void> lazy() {
        log("before");
        Task<Void> t1 = Asyncio.createTask(() -> child(1));
        Task<Void> t2 = Asyncio.createTask(() -> child(2));
        log("after");
        Await.on(t1);
        Await.on(t2);
        return Task.completed();
    }

    @Async
    Task<String> neverSuspends(boolean fail) {
        current = Task.current();
        if (fail) {
            throw new IllegalStateException("synchronous failure");
        }
        return Task.completed("sync");
    }
}
