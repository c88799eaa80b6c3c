package org.asyncio4j.swing;

import java.awt.EventQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.JButton;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.Connection;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;

/**
 * Programs run under the Swing loop. Every line they log says where it ran: a line written off the
 * event dispatch thread ends with " OFF THE EDT", so the tests' exact expected lists also check that.
 */
class GuiScenarios {
    final List<String> log;

    GuiScenarios(List<String> log) {
        this.log = log;
    }

    void note(String line) {
        log.add(line + (EventQueue.isDispatchThread() ? "" : " OFF THE EDT"));
    }

    static long ms() {
        return EventLoop.current().time() / 1_000_000;
    }

    /** Timers on a virtual clock; a Swing event queued by a step runs before time jumps. */
    @Async
    Task<Void> timers() {
        note("start t=" + ms());
        EventQueue.invokeLater(() -> note("swing event t=" + ms()));
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        note("slept t=" + ms());
        Task<Void> a = Asyncio.createTask(() -> sleepThenNote("a", 3));
        Task<Void> b = Asyncio.createTask(() -> sleepThenNote("b", 2));
        Await.on(a);
        Await.on(b);
        note("end t=" + ms());
        return Task.completed();
    }

    @Async
    Task<Void> sleepThenNote(String name, int seconds) {
        Await.on(Asyncio.sleep(Duration.ofSeconds(seconds)));
        note(name + " t=" + ms());
        return Task.completed();
    }

    /** A real TCP echo: both ends on the Swing loop. */
    @Async
    Task<Void> echo() {
        Server server = Await.on(Asyncio.startServer(this::upperEcho, "127.0.0.1", 0));
        Connection c = Await.on(Asyncio.openConnection("127.0.0.1", server.port()));
        note("connected");
        c.writer().write("hello swing\n".getBytes(StandardCharsets.UTF_8));
        Await.on(c.writer().drain());
        String reply = new String(Await.on(c.reader().readLine()), StandardCharsets.UTF_8).trim();
        note("client got " + reply);
        c.writer().close();
        Await.on(c.writer().waitClosed());
        server.close();
        Await.on(server.waitClosed());
        note("closed");
        return Task.completed();
    }

    @Async
    Task<Void> upperEcho(StreamReader r, StreamWriter w) {
        String line = new String(Await.on(r.readLine()), StandardCharsets.UTF_8).trim();
        note("server got " + line);
        w.write((line.toUpperCase() + "\n").getBytes(StandardCharsets.UTF_8));
        Await.on(w.drain());
        w.close();
        return Task.completed();
    }

    /** Blocking work on the default executor and a real timer; each await resumes on the EDT. */
    @Async
    Task<Void> toThread() {
        note("before");
        String where = Await.on(Asyncio.toThread(() -> EventQueue.isDispatchThread() ? "work on the EDT" : "work off the EDT"));
        note(where);
        Await.on(Asyncio.sleep(Duration.ofMillis(5))); // a real timer: the waiter parks until it is due
        note("after a real 5 ms sleep");
        return Task.completed();
    }

    /**
     * Swing listeners, run by Swing while the loop waits: one cancels a task, one starts a task.
     * With the real clock the loop waits an hour unless the listener's work wakes it.
     */
    @Async
    Task<Void> listeners() {
        Promise<String> started = new Promise<>();
        JButton start = new JButton("start");
        start.addActionListener(e -> {
            note("start clicked");
            Asyncio.createTask(() -> completeLater(started));
        });
        Task<Void> sleeper = Asyncio.createTask(() -> sleeper(start));
        JButton cancel = new JButton("cancel");
        cancel.addActionListener(e -> {
            note("cancel clicked");
            sleeper.cancel();
        });
        note("started: " + Await.on(started));
        EventQueue.invokeLater(cancel::doClick);
        try {
            Await.on(sleeper);
        } catch (CancelledError e) {
            note("main saw the sleeper cancelled");
        }
        return Task.completed();
    }

    /**
     * A listener stops a server while the loop waits in its selector on the waiter thread: closing
     * must neither block the EDT on that select nor go unseen by the loop.
     */
    @Async
    Task<Void> stopServerFromAListener() {
        Server server = Await.on(Asyncio.startServer(this::upperEcho, "127.0.0.1", 0));
        JButton stop = new JButton("stop");
        stop.addActionListener(e -> {
            server.close();
            note("stop clicked, serving: " + server.isServing());
        });
        EventQueue.invokeLater(stop::doClick);
        Await.on(server.waitClosed());
        note("server closed");
        return Task.completed();
    }

    @Async
    Task<Void> completeLater(Promise<String> p) {
        note("task made by a listener runs");
        p.complete("yes");
        return Task.completed();
    }

    @Async
    Task<Void> sleeper(JButton start) {
        note("sleeper waits");
        EventQueue.invokeLater(start::doClick); // after this step: the click comes while the loop waits
        try {
            Await.on(Asyncio.sleep(Duration.ofHours(1)));
        } catch (CancelledError e) {
            note("sleeper cancelled");
            throw e;
        }
        return Task.completed();
    }

    /** The loop awaits a promise; another thread gets the EDT to run code (the UI is not frozen), which completes it. */
    @Async
    Task<String> answered(CompletableFuture<Promise<String>> handOut) {
        Promise<String> p = new Promise<>();
        handOut.complete(p);
        String v = Await.on(p);
        note("main got " + v);
        return Task.completed(v);
    }

    /** Work always ready (no waiting at all): Swing still gets its turn. */
    @Async
    Task<Integer> busy() {
        AtomicBoolean swingRan = new AtomicBoolean();
        EventQueue.invokeLater(() -> swingRan.set(true));
        int yields = 0;
        while (!swingRan.get()) {
            Await.on(Asyncio.yieldNow());
            yields++;
        }
        note("swing ran while the loop was busy");
        return Task.completed(yields);
    }

    /** A failing callback and a failed task nobody awaits: both reach the exception handler. */
    @Async
    Task<Void> failures() {
        EventLoop.current().setExceptionHandler(r -> note("reported: " + r.message() + ": " + r.exception().getMessage()));
        EventLoop.current().callSoon(new Runnable() {
            @Override
            public void run() {
                throw new IllegalStateException("boom in a callback");
            }

            @Override
            public String toString() {
                return "the failing callback";
            }
        });
        Task<Void> lost = Asyncio.createTask(() -> fail("boom in a task nobody awaits"));
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        note("lost task done: " + lost.isDone());
        return Task.completed();
    }

    @Async
    Task<Void> fail(String message) {
        note("failing");
        throw new IllegalArgumentException(message);
    }
}
