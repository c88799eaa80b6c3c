package org.asyncio4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The state shared by every task the runtime makes: the outcome and the waiters.
 *
 * <p>Memory matters here (a million sleeping tasks must fit in ~120 bytes each), so the waiters
 * live in one field holding null, a single waiter, or an {@code Object[]} list; and the outcome is
 * one field holding {@link #PENDING}, the value, or a {@link Failure}.
 *
 * <p>A waiter is either a {@link Coroutine} (resumed by putting the coroutine itself on the ready
 * queue: no allocation per await) or a {@code Consumer} done callback (wrapped in a
 * {@link CallbackRun} when it is scheduled). Everything here runs on the loop thread, except the
 * cross-thread completion that {@link Promise} adds on top.
 */
abstract class FutureBase<T> implements Task<T> {
    static final Object PENDING = new Object() {
        @Override
        public String toString() {
            return "PENDING";
        }
    };

    static final byte CANCELLED = 1;
    /** A failure nobody has looked at yet ("Task exception was never retrieved"). */
    static final byte UNRETRIEVED = 2;
    /**
     * Set on a {@link Waiter} completed while exactly one coroutine awaits it: that coroutine calls
     * {@link #taken(boolean)} from {@code awaited()} before it reads the outcome (see Waiter).
     */
    static final byte TAKE_HOOK = 16;
    /**
     * The failure was looked at. A Promise completed on another thread is done (and can be awaited
     * without suspending) before its {@link #afterOutcome} runs on the loop; this flag keeps that
     * later step from reporting a failure that was already retrieved.
     */
    static final byte RETRIEVED = 32;
    /**
     * Scratch mark for {@link Gather}'s duplicate detection: set and cleared again inside one
     * synchronous pass on the loop thread, so it never outlives the call that set it.
     */
    static final byte GATHER_MARK = 64;

    /** Compare-and-set on {@link #outcome} for completions that may race across threads (Promise). */
    static final VarHandle OUTCOME;
    static final VarHandle LOOP;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            OUTCOME = l.findVarHandle(FutureBase.class, "outcome", Object.class);
            LOOP = l.findVarHandle(FutureBase.class, "loop", EventLoop.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** PENDING, the value (possibly null), or a Failure. Written once. */
    Object outcome = PENDING;
    Object waiters;
    EventLoop loop;
    byte flags;

    FutureBase(EventLoop loop) {
        this.loop = loop;
    }

    /** Outcome holder for failures and cancellations. */
    static final class Failure {
        final Throwable error;
        /** Registered with the loop's report of unretrieved failures, or null. */
        Unretrieved report;

        Failure(Throwable error) {
            this.error = error;
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public boolean isDone() {
        return outcome != PENDING;
    }

    @Override
    public boolean isCancelled() {
        return (flags & CANCELLED) != 0;
    }

    /** Binds an unbound future to {@code l} (only a Promise made outside a loop is unbound). */
    void bindLoop(EventLoop l) {
        LOOP.compareAndSet(this, null, l);
    }

    /** The loop callbacks run on: the bound loop, else the running one (for loop-free Completed). */
    EventLoop callbackLoop() {
        EventLoop l = loop;
        return l != null ? l : EventLoop.current();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T result() {
        Object o = outcome;
        if (o == PENDING) {
            throw new IllegalStateException("Result is not set: task " + name() + " is still pending");
        }
        if (o instanceof Failure f) {
            markRetrieved(f);
            throw Sneaky.<RuntimeException>sneak(f.error);
        }
        return (T) o;
    }

    @Override
    public Throwable exception() {
        Object o = outcome;
        if (o == PENDING) {
            throw new IllegalStateException("Exception is not set: task " + name() + " is still pending");
        }
        if (o instanceof Failure f) {
            if (isCancelled()) {
                throw (CancelledError) f.error;
            }
            markRetrieved(f);
            return f.error;
        }
        return null;
    }

    /** The failure without marking it retrieved (for combinators that inspect on the user's behalf). */
    final Throwable peekFailure() {
        return outcome instanceof Failure f ? f.error : null;
    }

    final void markRetrieved(Failure f) {
        flags |= RETRIEVED;
        if ((flags & UNRETRIEVED) != 0) {
            flags &= ~UNRETRIEVED;
            Unretrieved r = f.report;
            if (r != null) {
                r.retrieved();
            }
        }
    }

    final void markRetrieved() {
        if (outcome instanceof Failure f) {
            markRetrieved(f);
        }
    }

    @Override
    public int cancelling() {
        return 0;
    }

    @Override
    public int uncancel() {
        return 0;
    }

    @Override
    public String name() {
        return getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public void setName(String name) {
        // futures have no name; tasks override.
    }

    // ---------------------------------------------------------------- completion (loop thread)

    /** Cancels a pending future. Tasks override to deliver the cancel at their current await. */
    @Override
    public boolean cancel(String msg) {
        EventLoop l = loop;
        if (l != null) {
            l.checkThread("Task.cancel()"); // a cancel from another thread would not wake the loop
        }
        if (outcome != PENDING) {
            markRetrieved();
            return false;
        }
        setCancelled(CancelOrigin.error(l, this, msg));
        return true;
    }

    final boolean setValue(T value) {
        if (outcome != PENDING) {
            return false;
        }
        outcome = value;
        afterOutcome();
        return true;
    }

    /**
     * Fails the future with {@code error} as it is: a {@link CancelledError} here is a failure, not a
     * cancellation (asyncio's gather fails this way and stays {@code cancelled() == False}).
     */
    final boolean setFailure(Throwable error) {
        if (outcome != PENDING) {
            return false;
        }
        outcome = new Failure(error);
        afterOutcome();
        return true;
    }

    final boolean setCancelled(CancelledError error) {
        if (outcome != PENDING) {
            return false;
        }
        outcome = new Failure(error);
        flags |= CANCELLED;
        afterOutcome();
        return true;
    }

    /** Runs once on the loop thread after the outcome was written: flags, hooks, waiters, reports. */
    final void afterOutcome() {
        Object o = outcome;
        boolean failed = o instanceof Failure && (flags & (CANCELLED | RETRIEVED)) == 0;
        if (failed) {
            flags |= UNRETRIEVED;
        }
        onDone();
        fireWaiters();
        if (failed && (flags & UNRETRIEVED) != 0) {
            // The waiters just scheduled retrieve it in the common case, which settles the report
            // (a createTask handle merged into this task retrieves it already inside fireWaiters).
            Failure f = (Failure) o;
            // A StackOverflowError is an ordinary failure of the task that raised it (asyncio reports
            // a RecursionError like any exception); other VirtualMachineErrors are not tracked.
            if (!(f.error instanceof VirtualMachineError) || f.error instanceof StackOverflowError) {
                f.report = callbackLoop().trackUnretrieved(this, f.error);
            }
        }
    }

    /**
     * Called by the awaiting coroutine's {@code awaited()}, before it reads the outcome, when
     * {@link #TAKE_HOOK} is set; {@code dropped}: the coroutine throws a pending cancel instead of
     * taking the outcome. {@link Waiter} and TaskGroup's exit override it.
     */
    void taken(boolean dropped) {}

    /** Hook for subclasses (tasks leave the live set). */
    void onDone() {}

    /** Called when the loop takes this future off the ready queue (coroutine step, timer fire). */
    void runFromReady() {
        throw new IllegalStateException(this + " was scheduled but has nothing to run");
    }

    /** Schedules every waiter on the loop, in registration order, and forgets them. */
    final void fireWaiters() {
        Object w = waiters;
        if (w == null) {
            return;
        }
        waiters = null;
        EventLoop l = callbackLoop();
        if (w instanceof Object[] list) {
            for (Object o : list) {
                if (o == null) {
                    break;
                }
                l.scheduleWaiter(o, this);
            }
        } else {
            l.scheduleWaiter(w, this);
        }
    }

    // ---------------------------------------------------------------- waiters

    /** Adds a waiter; if already done it is scheduled at once (never run inline). */
    final void addWaiter(Object waiter) {
        if (outcome != PENDING) {
            callbackLoop().scheduleWaiter(waiter, this);
            return;
        }
        Object w = waiters;
        if (w == null) {
            waiters = waiter;
        } else if (w instanceof Object[] list) {
            int n = list.length;
            if (list[n - 1] != null) {
                list = Arrays.copyOf(list, n * 2);
                waiters = list;
                list[n] = waiter;
            } else {
                int i = n - 1;
                while (i > 0 && list[i - 1] == null) {
                    i--;
                }
                list[i] = waiter;
            }
        } else {
            Object[] list = new Object[4];
            list[0] = w;
            list[1] = waiter;
            waiters = list;
        }
    }

    /** Removes every registration of {@code waiter}; returns how many. */
    final int removeWaiter(Object waiter) {
        Object w = waiters;
        if (w == null) {
            return 0;
        }
        if (!(w instanceof Object[] list)) {
            if (w.equals(waiter)) {
                waiters = null;
                return 1;
            }
            return 0;
        }
        int removed = 0;
        int j = 0;
        for (int i = 0; i < list.length && list[i] != null; i++) {
            if (list[i].equals(waiter)) {
                removed++;
            } else {
                list[j++] = list[i];
            }
        }
        for (int i = j; i < list.length && list[i] != null; i++) {
            list[i] = null;
        }
        if (j == 0) {
            waiters = null;
        }
        return removed;
    }

    @Override
    public void addDoneCallback(Consumer<? super Task<T>> callback) {
        if (callback == null) {
            throw new NullPointerException("addDoneCallback(null)");
        }
        EventLoop l = loop;
        if (l != null) {
            l.checkThread("Task.addDoneCallback()");
        }
        addWaiter(callback);
    }

    @Override
    public int removeDoneCallback(Consumer<? super Task<T>> callback) {
        EventLoop l = loop;
        if (l != null) {
            l.checkThread("Task.removeDoneCallback()");
        }
        return removeWaiter(callback);
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        addDoneCallback(t -> {
            FutureBase<T> self = FutureBase.this;
            Object o = self.outcome;
            if (o instanceof Failure f) {
                self.markRetrieved(f);
                cf.completeExceptionally(f.error);
            } else {
                @SuppressWarnings("unchecked")
                T v = (T) o;
                cf.complete(v);
            }
        });
        return cf;
    }

    @Override
    public String toString() {
        Object o = outcome;
        String state = o == PENDING ? "pending" : isCancelled() ? "cancelled"
                : o instanceof Failure f ? "failed " + f.error : "done result=" + o;
        return "<" + name() + " " + state + ">";
    }
}
