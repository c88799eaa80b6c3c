package org.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code asyncio.TaskGroup} with CPython 3.13 semantics, used as a try-with-resources resource in
 * an {@code @Async} method:
 * <pre>{@code
 * try (TaskGroup g = new TaskGroup()) {
 *     Task<Integer> a = g.spawn(() -> fetch(1));
 *     g.spawn(() -> fetch(2));
 * }   // waits for every child; failures come out as one ExceptionGroup
 * }</pre>
 *
 * <h2>Entering</h2>
 * The constructor is {@code __aenter__}: the group binds to {@link Task#current()}, the parent
 * task, and is active at once. Creating one outside a task throws {@link IllegalStateException}.
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>{@link #spawn} calls {@code body} at once: an {@code @Async} body starts eagerly and runs to
 *   its first suspension (asyncio's eager task factory). A child that is already done when spawn
 *   returns is accounted for at once; a synchronous failure aborts the group straight away.
 * <li>The first child failure cancels the other children (in creation order) and the parent task,
 *   so the body's current await raises CancelledError; the exit then raises
 *   {@link ExceptionGroup} with every failure in completion order, the body's own failure last,
 *   and the parent's {@link Task#cancelling()} is back where it was.
 * <li>A cancel of the parent from outside cancels every child and the exit raises CancelledError,
 *   unless some child failed, in which case the ExceptionGroup wins and the outside cancel is
 *   re-armed for the parent's next await.
 * <li>A {@link VirtualMachineError} (asyncio's KeyboardInterrupt/SystemExit) is raised bare.
 * </ul>
 * All methods must be called on the loop thread.
 */
public final class TaskGroup implements AsyncCloseable {
    private final EventLoop loop;
    private final Coroutine<?> parent;
    /** Pending children, in creation order. */
    private final LinkedHashSet<Task<?>> tasks = new LinkedHashSet<>();
    private final Consumer<Task<?>> onChildDone = this::onTaskDone;
    private List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private CancelledError propagateCancel;
    private Throwable bodyError;
    /** The first child that failed: the cause its abort names. */
    private Task<?> failedChild;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private Exit exit;

    /** Creates the group and enters it, bound to the running task. */
    public TaskGroup() {
        EventLoop l = EventLoop.current();
        Coroutine<?> p = l.currentTask();
        if (p == null) {
            throw new IllegalStateException("TaskGroup cannot determine the parent task: create it inside a task"
                    + " (an @Async method or a createTask body), not in a plain callback");
        }
        this.loop = l;
        this.parent = p;
    }

    /**
     * {@code create_task}: starts {@code body} now as a child of this group; returns its task.
     * @param <T> the child's result type
     * @param body makes the child task (usually an {@code @Async} call or an async lambda); not null
     * @return the child task; its failure cancels the group's other children and is raised by the group
     * @throws IllegalStateException if the group is not entered, is shutting down or has ended
     */
    public <T> Task<T> spawn(Supplier<? extends Task<T>> body) {
        return spawn(body, null);
    }

    /**
     * As {@link #spawn(Supplier)}, naming the child task.
     * @param <T> the child's result type
     * @param body makes the child task; not null
     * @param name the child task's name (see {@link Task#name()}), or null for the default {@code Task-<n>}
     * @return the child task
     */
    public <T> Task<T> spawn(Supplier<? extends Task<T>> body, String name) {
        Objects.requireNonNull(body, "TaskGroup.spawn(null): pass the child's body, e.g. () -> fetch(url)");
        loop.checkThread();
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> t;
        Context savedContext = loop.context;
        if (Context.inUse) {
            loop.context = loop.currentContext().copy(); // the child starts with a copy of the context
        }
        try {
            t = body.get();
            if (t == null) {
                throw new NullPointerException("the TaskGroup child body " + body + " returned null instead of a Task");
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            // A body that throws instead of returning a failed task failed synchronously: same thing.
            t = Task.failed(e);
        } finally {
            loop.context = savedContext;
        }
        if (name != null) {
            t.setName(name);
        }
        if (t.isDone()) {
            onTaskDone(t);
        } else {
            tasks.add(t);
            t.addDoneCallback(onChildDone);
        }
        return t;
    }

    private void onTaskDone(Task<?> t) {
        tasks.remove(t);
        try {
            if (t.isCancelled()) {
                return;
            }
            Throwable e = t.exception();
            if (e == null) {
                return;
            }
            errors.add(e);
            if (isBase(e) && baseError == null) {
                baseError = e;
            }
            if (parent.isDone()) {
                loop.callExceptionHandler("Task " + t + " has errored out but its parent task " + parent
                        + " is already completed", e, t);
                return;
            }
            if (!aborting && !parentCancelRequested) {
                // Abort what the body is awaiting now; exit will undo this cancel (uncancel).
                failedChild = t;
                abort();
                parentCancelRequested = true;
                Object prev = loop.cancelReason;
                loop.cancelReason = this;
                try {
                    parent.cancel();
                } finally {
                    loop.cancelReason = prev;
                }
            }
        } finally {
            if (exit != null && tasks.isEmpty()) {
                exit.childrenDone();
            }
        }
    }

    private static boolean isBase(Throwable e) {
        return e instanceof VirtualMachineError;
    }

    private void abort() {
        aborting = true;
        Object prev = loop.cancelReason;
        loop.cancelReason = this; // the children's CancelledErrors name this group and why
        try {
            for (Task<?> t : new ArrayList<>(tasks)) {
                if (!t.isDone()) {
                    t.cancel();
                }
            }
        } finally {
            loop.cancelReason = prev;
        }
    }

    /** Why this group cancels its tasks: "the TaskGroup of Task-1 because Task-4 failed". */
    String cancelReason() {
        String why = failedChild != null ? failedChild.name() + " failed"
                : bodyError != null ? "its body raised " + bodyError : parent.name() + " was cancelled";
        return "the TaskGroup of " + parent.name() + " because " + why;
    }

    /**
     * {@code __aexit__}: aborts the children if the body is leaving with an exception, waits for
     * every child, then completes with nothing, CancelledError, the ExceptionGroup, or a fatal error.
     */
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        loop.checkThread();
        if (exiting) {
            throw new IllegalStateException("TaskGroup " + this + " was already exited");
        }
        exiting = true;
        if (pending != null && isBase(pending) && baseError == null) {
            baseError = pending;
        }
        if (pending instanceof CancelledError ce) {
            propagateCancel = ce;
        } else {
            bodyError = pending;
        }
        if (pending != null && !aborting) {
            abort();
        }
        if (tasks.isEmpty()) {
            Throwable e = outcome();
            return e == null ? Task.completed() : Task.failed(e);
        }
        exit = new Exit(loop);
        return exit;
    }

    /**
     * What the exit raises, once every child is done (null: nothing). Runs in the step of the task
     * awaiting the exit, normally the parent, so a re-armed cancel reaches its next await.
     */
    private Throwable outcome() {
        List<Throwable> errs = errors;
        errors = null;
        if (baseError != null) {
            return baseError;
        }
        if (parentCancelRequested && parent.uncancel() == 0) {
            propagateCancel = null; // the only cancel was our own abort: do not propagate it
        }
        if (propagateCancel != null && errs.isEmpty()) {
            return propagateCancel;
        }
        if (bodyError != null) {
            errs.add(bodyError);
        }
        if (errs.isEmpty()) {
            return null;
        }
        if (parent.cancelling() > 0) {
            // An outside cancel is pending too: the group raises its errors, and the parent's next
            // await raises CancelledError (asyncio: uncancel() then cancel(), count unchanged).
            parent.uncancel();
            parent.cancel();
        }
        return new ExceptionGroup("unhandled errors in a TaskGroup", errs);
    }

    @Override
    public String toString() {
        String state = exit != null && exit.isDone() || exiting && tasks.isEmpty() ? "finished"
                : aborting ? "cancelling" : exiting ? "exiting" : "entered";
        return "<TaskGroup tasks=" + tasks.size() + " " + state + ">";
    }

    /**
     * The task the parent awaits while the children finish (asyncio's {@code while self._tasks:
     * await self._on_completed_fut} in {@code __aexit__}). When the last child is done it completes
     * with a placeholder, which wakes the parent; the real outcome is decided in the parent's own
     * step (the take hook, {@link #taken}), as asyncio's {@code __aexit__} code runs inside the parent. A
     * cancel of the parent meanwhile is absorbed here like asyncio's {@code except CancelledError}
     * in that loop: it starts the abort (if not already aborting) and the CancelledError is
     * propagated at the end unless a child failed.
     */
    private final class Exit extends FutureBase<Void> {
        private boolean cancelScheduled;
        private String cancelMsg;
        /** Who cancelled the parent while it waited here (for the CancelledError the exit raises). */
        private CancelOrigin cancelFrom;
        private boolean consumed;

        Exit(EventLoop loop) {
            super(loop);
            flags |= TAKE_HOOK; // only the parent awaits it
        }

        /** Every child is done: wake the parent (unless a cancel is about to be handled first). */
        void childrenDone() {
            if (!isDone() && !cancelScheduled) {
                setValue(null);
            }
        }

        /** The parent resumes from awaiting this exit: decide the outcome now, in its step. */
        @Override
        void taken(boolean dropped) {
            if (consumed) {
                return;
            }
            consumed = true;
            Throwable e = outcome();
            if (e != null) {
                outcome = new Failure(e);
                if (e instanceof CancelledError) {
                    flags |= CANCELLED;
                }
            }
        }

        @Override
        public boolean cancel(String msg) {
            loop.checkThread();
            if (consumed) {
                return false;
            }
            cancelFrom = CancelOrigin.now(loop, parent);
            if (isDone()) {
                caught(msg); // the parent is queued to resume: it catches this cancel first
                return true;
            }
            if (aborting) {
                return true; // already shutting down: asyncio's parent catches this one and waits on
            }
            // asyncio handles it when the parent resumes, one iteration later.
            cancelMsg = msg;
            if (!cancelScheduled) {
                cancelScheduled = true;
                loop.schedule((Runnable) this::onCancelled);
            }
            return true;
        }

        private void caught(String msg) {
            if (!aborting) {
                propagateCancel = CancelOrigin.error(cancelFrom, msg);
                abort();
            }
        }

        private void onCancelled() {
            cancelScheduled = false;
            caught(cancelMsg);
            if (tasks.isEmpty()) {
                childrenDone();
            }
        }

        @Override
        public String name() {
            return "TaskGroup exit";
        }
    }
}
