package org.asyncio4j.sample.crawler;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.TimerHandle;

/**
 * The progress of one run: "label: done/total pages, elapsed". Nothing for the first second. On a
 * terminal one line redrawn in place (with {@code \r}); otherwise (a pipe, a file, a test) a plain
 * line at most once a second. Used on one thread at a time: the caller's, or its event loop's.
 */
final class Progress {
    static final Duration QUIET = Duration.ofSeconds(1);
    static final Duration TICK = Duration.ofMillis(100);

    private final String label;
    private final int total;
    private final PrintStream out;
    private final boolean live;
    private final LongSupplier nanoTime;
    private final long start;
    private int done;
    private long lastPlainSecond;
    private int drawnWidth;
    private TimerHandle ticker;

    Progress(String label, int total, PrintStream out, boolean live) {
        this(label, total, out, live, System::nanoTime);
    }

    /** With the clock given (the tests' own). */
    Progress(String label, int total, PrintStream out, boolean live, LongSupplier nanoTime) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.live = live;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** One more page done. */
    void step() {
        done++;
        render();
    }

    /** {@code task}, counted when it completes. */
    <T> Task<T> counting(Task<T> task) {
        task.addDoneCallback(t -> step());
        return task;
    }

    /** Redraws every {@link #TICK} on the running loop, so the time moves while every fetch waits. */
    void tickOnLoop() {
        ticker = EventLoop.current().callLater(TICK, () -> {
            render();
            tickOnLoop();
        });
    }

    /** Stops ticking and clears the live line (the caller prints the result). */
    void finish() {
        if (ticker != null) {
            ticker.cancel();
        }
        if (drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            out.flush();
        }
    }

    void render() {
        long elapsed = nanoTime.getAsLong() - start;
        if (elapsed < QUIET.toNanos()) {
            return;
        }
        String line = String.format(Locale.ROOT, "  %s: %d/%d pages, %.1f s", label, done, total, elapsed / 1e9);
        if (live) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            out.flush();
            drawnWidth = Math.max(drawnWidth, line.length());
        } else if (elapsed / 1_000_000_000L > lastPlainSecond) {
            lastPlainSecond = elapsed / 1_000_000_000L;
            out.println(line);
        }
    }

    /** Whether standard output is a terminal: JDK 22+ also returns a Console for pipes, so ask it. */
    static boolean stdoutIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17 to 21: a console is only given to a terminal
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Console.isTerminal() failed: " + e, e);
        }
    }
}
