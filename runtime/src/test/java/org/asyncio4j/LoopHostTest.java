package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link LoopHost} contract with a toy host (no GUI toolkit): its "events" are runnables queued
 * to it and run on the loop thread while the loop idles; the loop's wait runs on the host's own
 * thread. A lost wake-up would hang for the hour the sleeps ask for, hence the timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopHostTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Runs events on the loop thread; the loop's wait on a thread of its own; records each idle. */
    private final class ToyHost implements LoopHost {
        final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
        final Runnable waitEnded = () -> {};
        Thread loopThread;

        @Override
        public void idle(Runnable wait) {
            loopThread = Thread.currentThread();
            Thread waiter = new Thread(() -> {
                wait.run();
                events.add(waitEnded);
            }, "toy-waiter");
            waiter.start();
            try {
                for (Runnable r = events.take(); r != waitEnded; r = events.take()) {
                    r.run();
                }
                waiter.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A host event, posted from any thread; it notes whether it ran on the loop thread. */
        void post(String name, Runnable r) {
            events.add(() -> {
                log.add(name + (Thread.currentThread() == loopThread ? "" : " OFF THE LOOP THREAD"));
                r.run();
            });
        }
    }

    @Test
    void hostEventsRunOnTheLoopThreadAndWhatTheyScheduleWakesTheWait() throws Exception {
        ToyHost host = new ToyHost();
        CompletableFuture<Promise<String>> handOut = new CompletableFuture<>();
        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> Asyncio.run(() -> {
            Promise<String> p = new Promise<>();
            handOut.complete(p);
            return p; // awaited by nothing else: the loop idles until a host event completes it
        }, RunOptions.defaults().host(host)));
        Promise<String> p = handOut.get(30, TimeUnit.SECONDS);
        // a host event makes a task; the task completes the promise: two wakes from the loop thread
        host.post("click", () -> Asyncio.createTask(() -> {
            log.add("task made by the event runs");
            p.complete("done");
            return Task.completed(null);
        }));
        assertEquals("done", result.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("click", "task made by the event runs"), log);
    }

    @Test
    void anotherThreadWakesTheWaitWithAndWithoutASelector() throws Exception {
        for (boolean selector : new boolean[] {false, true}) {
            ToyHost host = new ToyHost();
            CompletableFuture<Promise<String>> handOut = new CompletableFuture<>();
            CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> Asyncio.run(() -> {
                Promise<String> p = new Promise<>();
                if (selector) {
                    ServerSocketChannel unused = open();
                    EventLoop.current().io().register(unused, 0, k -> {}); // the loop now waits in its selector
                    p.addDoneCallback(t -> close(unused));
                }
                Asyncio.createTask(() -> Asyncio.sleep(Duration.ofHours(1))); // the wait's timeout: an hour
                handOut.complete(p);
                return p;
            }, RunOptions.defaults().host(host)));
            Promise<String> p = handOut.get(30, TimeUnit.SECONDS);
            p.complete("completed by " + Thread.currentThread().getName()); // thread-safe: wakes the waiter
            assertEquals("completed by " + Thread.currentThread().getName(), result.get(30, TimeUnit.SECONDS),
                    "selector: " + selector);
        }
        assertEquals(List.of(), log, "no host event was posted");
    }

    private static ServerSocketChannel open() {
        try {
            return ServerSocketChannel.open();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void close(ServerSocketChannel c) {
        try {
            c.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
