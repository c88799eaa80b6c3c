package org.asyncio4j;

/**
 * Commits the task lifecycle JFR events. The checks on the task path read one instance of each event
 * class: until a recording enables the event, {@code isEnabled()} is JFR's uninstrumented
 * {@code return false}, which the JIT inlines, so the normal path pays nothing and builds no string.
 */
final class TaskEvents {
    private TaskEvents() {}

    private static final TaskCreatedEvent CREATED = new TaskCreatedEvent();
    private static final TaskFinishedEvent FINISHED = new TaskFinishedEvent();

    static boolean createdEnabled() {
        return CREATED.isEnabled();
    }

    static boolean finishedEnabled() {
        return FINISHED.isEnabled();
    }

    static void created(Coroutine<?> c, Coroutine<?> creator) {
        TaskCreatedEvent e = new TaskCreatedEvent();
        if (e.shouldCommit()) {
            e.task = c.name();
            e.taskId = c.id();
            e.createdBy = creator == null ? null : creator.name();
            e.commit();
        }
    }

    /** A createTask handle ends as a task of its own when it merges into its body's machine (SupplierTask). */
    static void merged(Coroutine<?> handle) {
        TaskFinishedEvent e = new TaskFinishedEvent();
        if (e.shouldCommit()) {
            e.task = handle.name();
            e.taskId = handle.id();
            e.outcome = "merged into the task its body returned, which carries on";
            e.commit();
        }
    }

    static void finished(Coroutine<?> c) {
        if (c instanceof SupplierTask<?> s && s.isMerged()) {
            return; // reported when it merged
        }
        TaskFinishedEvent e = new TaskFinishedEvent();
        if (e.shouldCommit()) {
            e.task = c.name();
            e.taskId = c.id();
            Object o = c.outcome;
            if (c.isCancelled()) {
                Throwable err = c.peekFailure();
                String why = err instanceof CancelledError ce ? ce.reason() : null;
                e.outcome = why == null ? "cancelled" : "cancelled: " + why;
            } else if (o instanceof FutureBase.Failure f) {
                e.outcome = "failed: " + f.error;
            } else {
                e.outcome = "result";
            }
            e.commit();
        }
    }
}
