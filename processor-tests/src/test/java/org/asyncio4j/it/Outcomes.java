package org.asyncio4j.it;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: awaiting tasks that are done, pending, failed or cancelled. */
public class Outcomes extends Fixture {
    Throwable caught;

    @Async
    Task<Object> awaitIt(Task<Object> t) throws Throwable {
        try {
            Object v = Await.on(t, Throwable.class);
            log("value " + v + " t=" + Src.ms());
            return Task.completed(v);
        } catch (CancelledError e) {
            caught = e;
            log("cancelled t=" + Src.ms());
            throw e;
        } catch (Throwable e) {
            caught = e;
            log("failed " + e.getClass().getSimpleName() + " t=" + Src.ms());
            throw e;
        }
    }

    /** No catch: a failure leaves the method unchanged; a cancel makes this task cancelled. */
    @Async
    Task<Object> passThrough(Task<Object> t) {
        Object v = Await.on(t);
        log("not reached when failed");
        return Task.completed(v);
    }

    @Async
    Task<String> stage(boolean alreadyDone) {
        CompletableFuture<String> f = new CompletableFuture<>();
        if (alreadyDone) {
            f.complete("now");
        } else {
            EventLoop.current().callLater(Duration.ofMillis(7), () -> f.complete("later"));
        }
        String s = Await.on(f);
        return Task.completed(s + " t=" + Src.ms());
    }

    @Async
    Task<String> failedStage() {
        CompletableFuture<String> f = new CompletableFuture<>();
        EventLoop.current().callLater(Duration.ofMillis(7), () -> f.completeExceptionally(new ArithmeticException("cf")));
        try {
            return Task.completed(Await.on(f));
        } catch (ArithmeticException e) {
            caught = e;
            return Task.completed("caught " + e.getMessage());
        }
    }

    /** {@code Await.on(stage, IOException.class)}: the stage's checked failure is caught as declared. */
    @Async
    Task<String> checkedStage(boolean fail) {
        CompletableFuture<String> f = new CompletableFuture<>();
        EventLoop.current().callLater(Duration.ofMillis(7), () -> {
            if (fail) {
                f.completeExceptionally(new java.io.IOException("net"));
            } else {
                f.complete("body");
            }
        });
        try {
            String s = Await.on(f, java.io.IOException.class);
            return Task.completed(s + " t=" + Src.ms());
        } catch (java.io.IOException e) {
            return Task.completed("io: " + e.getMessage() + " t=" + Src.ms());
        }
    }
}
