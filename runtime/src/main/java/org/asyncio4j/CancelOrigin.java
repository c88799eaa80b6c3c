package org.asyncio4j;

/**
 * Who cancelled a task, carried by its {@link CancelledError} so that a report can say "Task-7 was
 * cancelled by Task-3". One is made per outermost {@code cancel()} call and shared by everything that
 * cancel reaches; it holds references only: the text is built when someone reads
 * {@link CancelledError#reason()}, never on the cancel path.
 */
final class CancelOrigin {
    /** The task whose {@code cancel()} was called. */
    final Task<?> target;
    /** The task that called it, the {@link TaskGroup} or {@link Timeout} that did, a {@link Reason}, or null (a callback). */
    final Object by;
    /** Debug mode: the source line of the {@code cancel()} call; else null. */
    final String site;

    CancelOrigin(Task<?> target, Object by, String site) {
        this.target = target;
        this.by = by;
        this.site = site;
    }

    /** A fixed cause for runtime code that cancels tasks on its own behalf (e.g. Asyncio.run's shutdown). */
    record Reason(String text) {}

    static final Reason SHUTDOWN = new Reason("the shutdown of Asyncio.run (the main task had finished)");

    /**
     * The origin of a cancel starting now on {@code loop}: by the running task (or the cause the
     * runtime set with {@link EventLoop#cancelReason}), at the line of the call in debug mode.
     */
    static CancelOrigin now(EventLoop loop, Task<?> target) {
        CancelOrigin running = loop.cancelOrigin;
        if (running != null) {
            return running; // a step of a cancel in progress (a gather's child, the future a task awaits)
        }
        Object by = loop.cancelReason;
        if (by instanceof CancelOrigin o) {
            return o;
        }
        Coroutine<?> current = loop.currentTask;
        if (by == null) {
            by = current;
        }
        Debug d = loop.debug;
        String site = d != null && current != null && by == current ? d.callSite(current) : null;
        return new CancelOrigin(target, by, site);
    }

    /** A new CancelledError with {@code msg} (asyncio's args, unchanged) and this origin (may be null). */
    static CancelledError error(CancelOrigin origin, String msg) {
        CancelledError e = new CancelledError(msg);
        e.origin = origin;
        return e;
    }

    /** The CancelledError of a future of {@code loop} cancelled now (loop thread; null loop: no origin). */
    static CancelledError error(EventLoop loop, Task<?> target, String msg) {
        return error(loop == null ? null : now(loop, target), msg);
    }

    /** "Task-7 was cancelled by Task-3 at Foo.main(Foo.java:42)". */
    String describe() {
        String who;
        if (by instanceof Coroutine<?> c) {
            who = c == target ? "itself" : c.name();
        } else if (by instanceof TaskGroup g) {
            who = g.cancelReason();
        } else if (by instanceof Timeout t) {
            who = t.cancelReason();
        } else if (by instanceof Reason r) {
            who = r.text();
        } else {
            who = "a callback (no task was running)";
        }
        return (target == null ? "the task" : target.name()) + " was cancelled by " + who
                + (site == null ? "" : " at " + site);
    }

    @Override
    public String toString() {
        return describe();
    }
}
