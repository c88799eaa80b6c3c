package org.asyncio4j.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionGroup;
import org.asyncio4j.Task;
import org.asyncio4j.TaskGroup;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.Connection;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.queue.AsyncQueue;
import org.asyncio4j.sync.Semaphore;

/**
 * Ports of the classic asyncio tutorials, written with {@code @Async}. The processor turns this
 * class into {@code AsyncTutorials}; {@link Main} runs them. One tutorial "second" is
 * {@link #SECOND} of real time so the demo finishes quickly.
 */
public class Tutorials {
    static final Duration SECOND = Duration.ofMillis(100);
    final Consumer<String> out;
    long start = Long.MIN_VALUE;

    Tutorials(Consumer<String> out) {
        this.out = out;
    }

    /** Prints with the loop's time in tutorial seconds (exact under a VirtualClock). */
    void say(String s) {
        long now = EventLoop.current().time();
        if (start == Long.MIN_VALUE) {
            start = now;
        }
        out.accept(String.format(java.util.Locale.ROOT, "[t=%4.1fs] %s", (now - start) / (double) SECOND.toNanos(), s));
    }

    static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * SECOND.toNanos()));
    }

    // ---------------------------------------------------------------- S1: gather keeps argument order

    @Async
    Task<String> job(String name, double secs) {
        Await.on(Asyncio.sleep(seconds(secs)));
        say(name + " finished after " + secs + "s");
        return Task.completed(name);
    }

    @Async
    Task<List<String>> gatherDemo() {
        List<String> results = Await.on(Asyncio.gather(job("A", 2), job("B", 1), job("C", 3)));
        say("gather -> " + results + " (argument order; 3s in all, not 6s)");
        return Task.completed(results);
    }

    // ---------------------------------------------------------------- S2: a semaphore limits concurrency

    @Async
    Task<Integer> worker(Semaphore sem, int id) {
        try (var held = Await.on(sem.acquire())) {
            say("worker " + id + " starts");
            Await.on(Asyncio.sleep(SECOND));
        }
        return Task.completed(id);
    }

    @Async
    Task<List<Integer>> semaphoreDemo() {
        Semaphore sem = new Semaphore(3);
        List<Task<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            workers.add(worker(sem, i));
        }
        List<Integer> done = Await.on(Asyncio.gather(workers));
        say("10 workers, 3 at a time -> " + done);
        return Task.completed(done);
    }

    // ---------------------------------------------------------------- S3: producer / consumer with back-pressure

    @Async
    Task<Void> producer(AsyncQueue<Integer> q) {
        for (int i = 0; i < 5; i++) {
            Await.on(q.put(i));
            say("put " + i + " (size " + q.size() + ")");
        }
        q.shutdown();
        return Task.completed();
    }

    @Async
    Task<Integer> consumer(AsyncQueue<Integer> q) {
        int sum = 0;
        while (true) {
            int item;
            try {
                item = Await.on(q.get());
            } catch (org.asyncio4j.queue.QueueShutDownException e) {
                break;
            }
            Await.on(Asyncio.sleep(seconds(0.5)));
            say("got " + item);
            sum += item;
            q.taskDone();
        }
        return Task.completed(sum);
    }

    @Async
    Task<Integer> queueDemo() {
        AsyncQueue<Integer> q = new AsyncQueue<>(2);
        Task<Integer> consumed = consumer(q);
        Await.on(producer(q));
        int sum = Await.on(consumed);
        say("consumer summed " + sum);
        return Task.completed(sum);
    }

    // ---------------------------------------------------------------- timeouts and task groups (S6)

    @Async
    Task<String> timeoutDemo() {
        try (Timeout t = Asyncio.timeout(seconds(1))) {
            Await.on(Asyncio.sleep(seconds(10)));
        } catch (AsyncTimeoutException e) {
            say("the 10s sleep was cut short by timeout(1s)");
        }
        try {
            Await.on(Asyncio.waitFor(job("slow", 5), seconds(0.5)));
        } catch (AsyncTimeoutException e) {
            say("waitFor gave up after 0.5s and cancelled the job");
        }
        return Task.completed("ok");
    }

    @Async
    Task<Integer> failing(double secs) {
        Await.on(Asyncio.sleep(seconds(secs)));
        throw new IllegalStateException("job failed at " + secs + "s");
    }

    @Async
    Task<String> taskGroupDemo() {
        Task<String> first = null;
        try (TaskGroup g = new TaskGroup()) {
            first = g.spawn(() -> job("ok@1", 1));
            g.spawn(() -> failing(2));
            g.spawn(() -> job("ok@3", 3));
        } catch (ExceptionGroup eg) {
            say("TaskGroup raised " + eg.exceptions().size() + " error(s): " + eg.exceptions().get(0).getMessage()
                    + "; the ok@3 job was cancelled; ok@1 gave " + first.result());
        }
        return Task.completed("ok");
    }

    // ---------------------------------------------------------------- S8: TCP echo

    @Async
    Task<Void> echoHandler(StreamReader reader, StreamWriter writer) {
        while (true) {
            byte[] line = Await.on(reader.readLine());
            if (line.length == 0) {
                break;
            }
            writer.write(("echo:" + new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            Await.on(writer.drain());
        }
        writer.close();
        return Task.completed();
    }

    @Async
    Task<List<String>> echoDemo() {
        List<String> replies = new ArrayList<>();
        try (Server server = Await.on(Asyncio.startServer(this::echoHandler, "127.0.0.1", 0))) {
            int port = server.addresses().get(0).getPort();
            say("echo server listening on 127.0.0.1:" + port);
            try (Connection c = Await.on(Asyncio.openConnection("127.0.0.1", port))) {
                for (String msg : List.of("hello", "world")) {
                    c.writer().write((msg + "\n").getBytes(StandardCharsets.UTF_8));
                    Await.on(c.writer().drain());
                    String reply = new String(Await.on(c.reader().readLine()), StandardCharsets.UTF_8).strip();
                    say("client got " + reply);
                    replies.add(reply);
                }
            }
        }
        return Task.completed(replies);
    }

    @Async
    Task<Void> all() {
        say("start");
        Await.on(gatherDemo());
        Await.on(semaphoreDemo());
        Await.on(queueDemo());
        Await.on(timeoutDemo());
        Await.on(taskGroupDemo());
        try {
            Await.on(echoDemo(), IOException.class);
        } catch (IOException e) {
            say("echo demo could not use a socket here: " + e);
        }
        return Task.completed();
    }
}
