package org.asyncio4j;

import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Debug mode of one loop (see {@link RunOptions}): times every step, reports slow ones, remembers
 * where tasks were created, and runs the watchdog that reports a step still stuck. Only loops in
 * debug mode have one, so the normal path pays a single null check per step.
 */
final class Debug {
    private final EventLoop loop;
    private final long thresholdNanos;
    private final LongSupplier nanos;
    private final Consumer<String> log;
    private final boolean watchdogOn;
    /** Task -> where it was created and when it last suspended (loop thread only; weak: a finished task is not kept). */
    private final Map<Coroutine<?>, TaskInfo> tasks = new WeakHashMap<>();

    /** What debug mode knows about a task, kept here rather than in the task (which must stay small). */
    private static final class TaskInfo {
        String createdAt;
        /** Loop time (ns) at which the task last suspended (at first: was created). */
        long suspendedAt;
    }

    // The step in progress, read by the watchdog thread.
    private volatile Object stepEntry;
    private volatile long stepStart;
    private volatile long stepSeq;
    private long reportedSeq = -1; // watchdog thread only
    private volatile Thread watchdog;
    private volatile Thread loopThread;

    Debug(EventLoop loop, long thresholdNanos, LongSupplier nanos, Consumer<String> log, boolean watchdogOn) {
        this.loop = loop;
        this.thresholdNanos = thresholdNanos;
        this.nanos = nanos;
        this.log = log;
        this.watchdogOn = watchdogOn;
    }

    // ------------------------------------------------------------------ steps

    /** Runs one ready entry, timed. */
    void runEntry(Object e) {
        StackTraceElement before = e instanceof Coroutine<?> c ? safeFrame(c) : null;
        long t0 = nanos.getAsLong();
        stepStart = t0;
        stepEntry = e;
        stepSeq++;
        try {
            loop.runEntry(e);
        } finally {
            if (e instanceof Coroutine<?> c && !c.isDone() && !MachineSleep.timerOnly(c)) {
                TaskInfo info = tasks.get(c);
                if (info != null) {
                    info.suspendedAt = loop.time(); // the step suspended (or was put back on the ready queue)
                }
            }
            long dt = nanos.getAsLong() - t0;
            stepEntry = null;
            stepSeq++;
            if (dt > thresholdNanos) {
                slow(e, before, dt);
            }
        }
    }

    private void slow(Object e, StackTraceElement before, long dt) {
        String what;
        if (e instanceof Coroutine<?> c) {
            StackTraceElement after = c.isDone() ? null : safeFrame(c);
            what = "a step of task '" + c.name() + "'" + (before == null ? "" : " (resumed at " + before
                    + (after == null ? ", then it finished" : ", suspended at " + after) + ")");
        } else {
            what = "the callback " + e;
        }
        log.accept(String.format(Locale.ROOT, "asyncio4j debug: %s held the event loop for %.3f s (the"
                + " threshold is %.3f s): every other task waited meanwhile. Look for blocking calls (the"
                + " compiler's [AsyncBlockingCall] warnings) or long computations; move them to"
                + " Asyncio.toThread(...).", what, dt / 1e9, thresholdNanos / 1e9));
        SlowStepEvent ev = new SlowStepEvent();
        if (ev.shouldCommit()) {
            ev.task = e instanceof Coroutine<?> c ? c.name() : String.valueOf(e);
            ev.resumedAt = before == null ? null : before.toString();
            ev.heldNanos = dt;
            ev.commit();
        }
    }

    private static StackTraceElement safeFrame(Coroutine<?> c) {
        try {
            return c.frame();
        } catch (RuntimeException broken) {
            return null;
        }
    }

    // ------------------------------------------------------------------ creation sites

    /**
     * Called by a new task's constructor: remembers the line of the call that created it. Inside a
     * task that is the creating machine's resume frame on the Java stack, mapped back to the source
     * line (the line of the call, not of the await the creator last resumed from); outside one, the
     * first Java frame outside the runtime. A stack walk per task: debug mode only.
     */
    void created(Coroutine<?> c) {
        TaskInfo info = new TaskInfo();
        info.suspendedAt = loop.time();
        tasks.put(c, info);
        Coroutine<?> creator = loop.currentTask;
        StackTraceElement[] trace = new Throwable().getStackTrace();
        StackTraceElement asyncSite = creator == null ? null : callFrame(creator, trace);
        if (asyncSite != null) {
            info.createdAt = asyncSite + " in task '" + creator.name() + "'";
            return;
        }
        // Not created by a machine: the first Java frame outside the runtime
        for (StackTraceElement f : trace) {
            if (!AsyncFrames.isEngineFrame(f)) {
                info.createdAt = f.toString();
                return;
            }
        }
    }

    /**
     * The source line in {@code c}'s code that is calling into the runtime now ("Foo.main(Foo.java:42)"),
     * or null when {@code c} is not a generated machine. Walks the Java stack.
     */
    String callSite(Coroutine<?> c) {
        StackTraceElement f = callFrame(c, new Throwable().getStackTrace());
        return f == null ? null : f.toString();
    }

    private static StackTraceElement callFrame(Coroutine<?> c, StackTraceElement[] trace) {
        try {
            return SourceLines.refine(c.frame(), c, trace, trace.length);
        } catch (RuntimeException broken) {
            return null;
        }
    }

    /** Where {@code c} was created, or null. */
    String createdAt(Object c) {
        TaskInfo info = c instanceof Coroutine<?> co ? tasks.get(co) : null;
        return info == null ? null : info.createdAt;
    }

    /** Loop time (ns) at which {@code c} last suspended (or was created), or -1 if not known. */
    long suspendedAt(Coroutine<?> c) {
        TaskInfo info = tasks.get(c);
        return info == null ? -1 : info.suspendedAt;
    }

    // ------------------------------------------------------------------ watchdog

    void loopStarted(Thread t) {
        loopThread = t;
        if (!watchdogOn || watchdog != null) {
            return;
        }
        Thread w = new Thread(this::watch, "asyncio4j-watchdog");
        w.setDaemon(true);
        watchdog = w;
        w.start();
    }

    void loopStopped() {
        Thread w = watchdog;
        watchdog = null;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void watch() {
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), thresholdNanos / 2);
        while (watchdog == Thread.currentThread()) {
            LockSupport.parkNanos(period);
            checkStuck();
        }
    }

    /**
     * Reports the step in progress if it has held the loop past the threshold and was not reported
     * yet: the loop thread's Java stack shows what it is doing. Called by the watchdog thread (and by
     * tests); reads the loop's state without its lock, so the task dump is best effort.
     */
    void checkStuck() {
        Object e = stepEntry;
        long seq = stepSeq;
        if (e == null || seq == reportedSeq) {
            return;
        }
        long held = nanos.getAsLong() - stepStart;
        if (held <= thresholdNanos || stepSeq != seq) {
            return;
        }
        reportedSeq = seq;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "asyncio4j watchdog: the event loop has been stuck in one step for"
                + " %.3f s (the threshold is %.3f s), ", held / 1e9, thresholdNanos / 1e9));
        sb.append(e instanceof Coroutine<?> c ? "in task '" + c.name() + "'" : "in the callback " + e).append(".\n");
        Thread t = loopThread;
        StringBuilder stack = new StringBuilder();
        if (t != null) {
            for (StackTraceElement f : t.getStackTrace()) {
                stack.append("    at ").append(f).append('\n');
            }
            sb.append("The loop thread '").append(t.getName()).append("' is at:\n").append(stack);
        }
        sb.append(TaskDump.dump(loop, this));
        LoopStallEvent ev = new LoopStallEvent();
        if (ev.shouldCommit()) {
            ev.task = e instanceof Coroutine<?> c ? c.name() : String.valueOf(e);
            ev.heldNanos = held;
            ev.loopThread = t == null ? null : t.getName();
            ev.loopStack = stack.toString();
            ev.commit();
        }
        log.accept(sb.toString());
    }
}
