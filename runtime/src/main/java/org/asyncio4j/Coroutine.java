package org.asyncio4j;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The base class of every state machine the processor generates, and of the runtime's own
 * hand-written coroutines. The machine <em>is</em> its task: one object per call, reused for every
 * suspension (C#'s and Kotlin's shape).
 *
 * <p><b>Not for users.</b> Programs never extend or call this class: they write {@code @Async}
 * methods, and see a {@code Coroutine} only as a {@link Task}. It lives in {@code org.asyncio4j}, not in
 * {@link org.asyncio4j.spi}, because it is the loop's own task type and shares its package-private state
 * (Java has no narrower way to share it); its methods marked "generated code only" are public because
 * the processor writes the body of an {@code @Async} method into the generated subclass of the user's
 * class, which is not a {@code Coroutine}.
 *
 * <h2>Protocol</h2>
 * A machine implements {@link #resume()}, which continues from {@link #state} (0 = start). Generated
 * code keeps the awaited task in a local of the resume method, so that an await of a task already done
 * stores nothing in the machine:
 * <pre>{@code
 * case 0:
 *     ...                                               // code before the await
 *     if (m.suspends($await = m.task(someTask), 1)) return;   // state = 1; suspend unless already done
 * case 1:
 *     String s = m.awaited($await);                     // the result, or throws the failure / CancelledError
 *     ...
 *     m.returnValue(s); return;                          // complete the task (or returnTask(t): adopt t's outcome)
 * }</pre>
 * Hand-written coroutines use the simpler pair {@link #await(Task, int)} and {@link #awaited()}, which
 * record the task in the machine:
 * <pre>{@code
 * case 0:
 *     if (await(someTask, 1)) return;
 * case 1:
 *     String s = awaited();
 * }</pre>
 * <ul>
 * <li>{@link #suspends} and {@link #await(Task, int)} record the state to continue from. If the task
 *   is done it returns false and the machine goes straight on (no suspension, no allocation; asyncio
 *   likewise does not yield on a done future). Otherwise the machine registers itself as the task's
 *   waiter and returns true; the machine must then return from {@code resume()}.
 * <li>When the awaited task completes, the loop puts the machine itself on the ready queue (one
 *   iteration later, never inline) and calls {@code resume()} again.
 * <li>{@link #awaited(Task)} (or {@link #awaited()}) must be the first thing the continuation does: it returns the awaited
 *   result or throws its failure unchanged. If the task was cancelled meanwhile it throws
 *   {@link CancelledError} here, at the current await, so the machine's own catch/finally code runs.
 * <li>Any exception escaping {@code resume()} fails the task; a {@link CancelledError} escaping it
 *   makes the task cancelled.
 * <li>Calling the method starts the machine eagerly ({@link #start()}): it runs on the caller's stack
 *   up to its first suspension. {@link #startLazily()} queues the first step instead (createTask).
 * </ul>
 * Cancellation follows asyncio 3.13's {@code Task.cancel}: a suspended task forwards the cancel to
 * what it awaits; otherwise the request is remembered and delivered at the next suspension.
 *
 * @param <T> the task's result type
 */
public abstract class Coroutine<T> extends FutureBase<T> {
    static final byte MUST_CANCEL = 4;
    static final byte THROW_CANCEL = 8;
    /** On the path of the cancel running now (see {@link #cancelWalk}); the byte's last free bit. */
    static final byte CANCEL_PATH = (byte) 0x80;
    /** State of a machine that returned a pending task and now waits to adopt its outcome. */
    static final int ADOPT = -1;

    /**
     * Where {@link #resume()} continues: 0 = from the start. Set by {@link #await} and {@link #suspends}.
     * Public (like the methods below marked "generated code only") because the processor puts the body of an {@code @Async}
     * method in the generated subclass of the user's class, which is not a Coroutine, so that names
     * in the body resolve exactly as in the user's class.
     */
    public int state;
    /** The task this machine awaits (set by await, cleared by awaited). */
    Task<?> awaiting;
    /**
     * null, a custom name (String), or an {@link Extra} holding the name and the cancellation state,
     * which only cancelled tasks need: kept out of the machine, which must stay small (a million
     * sleeping tasks in ~120 bytes each).
     */
    private Object extra;
    private final int id;
    Coroutine<?> prevLive;
    Coroutine<?> nextLive;
    /**
     * While the machine sleeps through {@link #sleep(Duration)}: the sequence of its live entry in the
     * timer heap (an entry left by a cancelled sleep has another). Fits in the machine's padding.
     */
    int sleepSeq;

    /** For generated machines: binds to the loop running on this thread. */
    @SuppressWarnings("this-escape") // JDK 21+ lint: the loop only records the new task (live list, debug, JFR); no subclass code runs
    protected Coroutine() {
        this(runningLoopForCall());
    }

    @SuppressWarnings("this-escape") // as above: registered with its loop before the subclass's fields are set, never called back
    Coroutine(EventLoop loop) {
        super(loop);
        this.id = loop.nextTaskId();
        loop.live().add(this);
        if (loop.debug != null) {
            loop.debug.created(this);
        }
        if (TaskEvents.createdEnabled()) {
            TaskEvents.created(this, loop.currentTask);
        }
        if (Context.inUse) {
            // A plain @Async call shares its caller's context (Python: `await foo()`); a new task
            // (SupplierTask, TaskGroup.spawn) replaces this with a copy.
            extraObject().context = loop.currentContext();
        }
    }

    private static EventLoop runningLoopForCall() {
        EventLoop l = EventLoop.currentOrNull();
        if (l == null) {
            throw new IllegalStateException("an @Async method was called with no running event loop on thread '"
                    + Thread.currentThread().getName() + "': run it with Asyncio.run(() -> ...) or call it from code"
                    + " that Asyncio.run is running");
        }
        return l;
    }

    private static final class Extra {
        String name;
        Context context;
        String cancelMsg;
        /** Who made the cancel request now pending (for the CancelledError's reason). */
        CancelOrigin cancelOrigin;
        int cancelRequests;
    }

    /**
     * Continues the machine from {@link #state}. See the class comment for the protocol.
     *
     * @throws Throwable anything the body throws: it fails the task (a CancelledError cancels it)
     */
    protected abstract void resume() throws Throwable;

    // ------------------------------------------------------------------ starting

    /**
     * Runs the machine now, up to its first suspension (an {@code @Async} call). Returns this task.
     *
     * @return this task, done if the body finished without suspending
     */
    public final Task<T> start() {
        EventLoop l = loop;
        if (l.eagerDepth >= EventLoop.MAX_EAGER_DEPTH) {
            // Deep eager recursion would overflow the Java stack: continue on the next iteration.
            l.schedule(this);
            return this;
        }
        Coroutine<?> prev = l.currentTask;
        l.currentTask = this;
        l.eagerDepth++;
        try {
            resume();
        } catch (Throwable e) {
            fail(e);
        } finally {
            l.eagerDepth--;
            l.currentTask = prev;
        }
        return this;
    }

    /**
     * Queues the first step for the next loop iteration (asyncio's create_task). Returns this task.
     *
     * @return this task, pending
     */
    protected final Task<T> startLazily() {
        loop.checkThread();
        loop.schedule(this);
        return this;
    }

    @Override
    final void runFromReady() {
        step();
    }

    /** One step, run from the ready queue: deliver a pending cancel, then resume. */
    final void step() {
        if (outcome != PENDING) {
            return;
        }
        if (awaiting instanceof MachineSleep s && s.timerRan(this)) {
            return; // the timer of sleep(Duration): the machine resumes on the next iteration
        }
        EventLoop l = loop;
        Coroutine<?> prev = l.currentTask;
        Context prevContext = l.context;
        l.currentTask = this;
        if (Context.inUse) {
            l.context = context();
        }
        try {
            if ((flags & MUST_CANCEL) != 0) {
                flags &= ~MUST_CANCEL;
                if (state == 0) {
                    // Cancelled before its first step: the body never runs (asyncio throws into an
                    // unstarted coroutine, which raises at once).
                    setCancelled(cancelError());
                    return;
                }
                flags |= THROW_CANCEL;
            }
            if (state == ADOPT) {
                adoptAwaited();
                return;
            }
            resume();
        } catch (Throwable e) {
            fail(e);
        } finally {
            l.currentTask = prev;
            l.context = prevContext;
        }
    }

    // ------------------------------------------------------------------ awaiting

    /**
     * Awaits {@code task}: sets the continuation state and returns false if the task is already done
     * (carry on), or registers this machine as its waiter and returns true (return from resume).
     *
     * @param task the task to await; not null
     * @param resumeAt the state {@link #resume()} continues from
     * @return true if the machine suspended and must return from {@code resume()}, false to go straight on
     */
    public final boolean await(Task<?> task, int resumeAt) {
        state = resumeAt;
        awaiting = task;
        if (task.isDone()) {
            return false;
        }
        suspendOn(task);
        return true;
    }

    /**
     * Awaits a {@link CompletionStage}: completed on any thread, resumed on this loop.
     *
     * @param stage the stage to await; not null
     * @param resumeAt the state {@link #resume()} continues from
     * @return true if the machine suspended, false to go straight on
     */
    public final boolean await(CompletionStage<?> stage, int resumeAt) {
        if (stage == null) {
            throw new NullPointerException("Await.on(null): the awaited CompletionStage is null");
        }
        return await(Promise.from(loop, stage), resumeAt);
    }

    // Generated code uses the three methods below instead of await/awaited: the task travels in a
    // local of the resume method, so an await of a task that is already done stores no reference
    // in the machine (no GC write barrier, nothing for the JIT to keep ordered):
    //     if (m.suspends($await = m.task(expr), 7)) return;
    //   case 7:
    //     x = m.awaited($await);     // $await is null after a real suspension: read the field
    // The awaiting field is written only when the machine really suspends (cancel() walks it).

    /**
     * {@code task} itself: the argument of {@link #suspends} and {@link #awaited(Task)}. Generated code only.
     *
     * @param task the value of the awaited expression
     * @return {@code task}
     * @throws NullPointerException if {@code task} is null, with a message naming {@code Await.on}
     */
    public final Task<?> task(Task<?> task) {
        if (task == null) {
            throw new NullPointerException("Await.on(null): the task to await is null; the expression given to"
                    + " Await.on (a variable, or a method that should return a Task) produced null");
        }
        return task;
    }

    /**
     * {@code task}, the value of {@code receiver.get()} (or another call on {@code receiver}) awaited
     * directly: the processor emits this form when the awaited expression is such a call on a
     * variable, so the value can have gone nowhere else, and the primitive that made it may reuse it
     * for its next wait once this machine has taken it (see {@link Waiter#awaitedDirectly}). Generated code only.
     *
     * @param receiver the variable the awaited call was made on
     * @param task the value of the awaited expression
     * @return {@code task}
     */
    public final Task<?> task(Object receiver, Task<?> task) {
        if (task instanceof Waiter<?> w) {
            w.awaitedDirectly(receiver);
        }
        return task(task);
    }

    /**
     * {@code Asyncio.sleep(delay)} awaited directly, the form the processor emits for
     * {@code Await.on(Asyncio.sleep(d))}: the sleep can have gone nowhere but into the await, so no
     * sleep object is made; this machine is itself the timer entry, and resumes exactly when it would
     * after awaiting {@code Asyncio.sleep(delay)} (the timer completes the sleep, the machine wakes one
     * iteration later; a zero or negative delay yields for one iteration). Pass the result to
     * {@link #suspends}. Generated code only.
     *
     * @param delay how long; zero or negative: one iteration
     * @return the task to pass to {@link #suspends} (a marker while the machine sleeps)
     * @throws NullPointerException if {@code delay} is null
     */
    public final Task<?> sleep(Duration delay) {
        long nanos = Durations.require(delay, "sleep delay");
        EventLoop l = loop;
        if (nanos <= 0) {
            return new YieldNow<>(l, null);
        }
        sleepSeq = l.scheduleTimer(Durations.deadline(l.time(), nanos), this);
        return MachineSleep.SLEEPING;
    }

    /** Whether this machine sleeps through {@link #sleep(Duration)} on its timer entry of sequence {@code seq}. */
    final boolean sleepsOn(int seq) {
        return awaiting == MachineSleep.SLEEPING && sleepSeq == seq;
    }

    /**
     * As {@link #task(CompletionStage)}; {@code receiver} as in {@link #task(Object, Task)}. Generated code only.
     *
     * @param receiver the variable the awaited call was made on
     * @param stage the value of the awaited expression
     * @return the stage as a task of this loop
     */
    public final Task<?> task(Object receiver, CompletionStage<?> stage) {
        return task(stage);
    }

    /**
     * A {@link CompletionStage} as a task of this loop (completed on any thread). Generated code only.
     *
     * @param stage the value of the awaited expression
     * @return a task of this loop completed with the stage's outcome
     * @throws NullPointerException if {@code stage} is null
     */
    public final Task<?> task(CompletionStage<?> stage) {
        if (stage == null) {
            throw new NullPointerException("Await.on(null): the awaited CompletionStage is null");
        }
        return Promise.from(loop, stage);
    }

    /**
     * As {@link #await(Task, int)}, but without recording a task that is already done: the caller
     * keeps it and passes it to {@link #awaited(Task)}. Generated code only.
     *
     * @param task the task to await, from {@link #task(Task)}
     * @param resumeAt the state {@link #resume()} continues from
     * @return true if the machine suspended and must return from {@code resume()}, false to go straight on
     */
    public final boolean suspends(Task<?> task, int resumeAt) {
        state = resumeAt;
        // A type test and a field read rather than the interface call: this method is shared by
        // every await, so the call's type profile is megamorphic and C2 would not inline it.
        if (task instanceof FutureBase<?> f ? f.outcome != PENDING : task.isDone()) {
            return false;
        }
        awaiting = task;
        suspendOn(task);
        return true;
    }

    /**
     * The outcome of the task just awaited: {@code task} when {@link #suspends} returned false
     * (the machine went straight on), or null after a suspension (then the recorded task). Generated code only.
     *
     * @param <R> the result type the caller reads (stated or inferred at the call)
     * @param task the awaited task, or null after a suspension
     * @return the awaited result; its failure (or a pending cancellation) is thrown unchanged
     */
    @SuppressWarnings("unchecked")
    public final <R> R awaited(Task<?> task) {
        // Kept small for C2 to inline it into every resume method: the plain success of a task of
        // ours here, everything else (after a suspension, hooks, cancels, failures) out of line.
        if (task instanceof FutureBase<?> f && ((f.flags & TAKE_HOOK) | (flags & THROW_CANCEL)) == 0) {
            Object o = f.outcome;
            if (!(o instanceof Failure)) {
                return (R) o;
            }
        }
        return task == null ? awaited() : outcomeOf(task);
    }

    private void suspendOn(Task<?> task) {
        if (task == this) {
            awaiting = null;
            throw new IllegalStateException("Task cannot await on itself: " + name());
        }
        if (task instanceof FutureBase<?> f) {
            EventLoop other = f.loop;
            if (other == null) {
                if (f == MachineSleep.SLEEPING) {
                    // sleep(Duration): this machine is in the timer heap already; only a pending cancel is left
                    if ((flags & MUST_CANCEL) != 0 && forwardCancel(task)) {
                        flags &= ~MUST_CANCEL;
                    }
                    return;
                }
                f.bindLoop(loop);
                other = f.loop;
            }
            if (other != loop) {
                awaiting = null;
                throw new IllegalStateException("Task " + name() + " awaits " + task + ", which belongs to a different"
                        + " event loop; a task can only be awaited on the loop that runs it");
            }
            if (f instanceof YieldNow<?>) {
                loop.schedule(this); // sleep(0): resume after exactly one iteration
            } else {
                f.addWaiter(this);
            }
        } else {
            EventLoop l = loop;
            task.addDoneCallback(t -> l.schedule(this));
        }
        if ((flags & MUST_CANCEL) != 0 && forwardCancel(task)) {
            flags &= ~MUST_CANCEL; // the cancel travels through the awaited task
        }
    }

    /** Passes the pending cancel on to {@code task}, naming whoever made it. */
    private boolean forwardCancel(Task<?> task) {
        EventLoop l = loop;
        Object prev = l.cancelReason;
        l.cancelReason = extra instanceof Extra e ? e.cancelOrigin : null;
        try {
            return cancelAwaited(task, cancelMessage());
        } finally {
            l.cancelReason = prev;
        }
    }

    /**
     * The outcome of the task just awaited: its result, or its failure thrown unchanged.
     *
     * @param <R> the result type the caller reads
     * @return the awaited result; its failure (or a pending cancellation) is thrown unchanged
     */
    @SuppressWarnings("unchecked")
    public final <R> R awaited() {
        Task<?> t = awaiting;
        awaiting = null;
        return outcomeOf(t);
    }

    @SuppressWarnings("unchecked")
    private <R> R outcomeOf(Task<?> t) {
        if (t instanceof FutureBase<?> f) {
            if ((f.flags & TAKE_HOOK) != 0) {
                // A sync primitive's waiter: it finishes its bookkeeping now that this task takes it
                // (asyncio runs that code in the awaiting task, after `await fut`).
                f.taken((flags & THROW_CANCEL) != 0);
            }
            throwPendingCancel();
            Object o = f.outcome;
            if (o instanceof Failure fl) {
                f.markRetrieved(fl);
                throw Sneaky.<RuntimeException>sneak(fl.error);
            }
            if (f instanceof Waiter<?> w && w.recycle) {
                w.recycleNow(); // taken and dropped: its primitive reuses it (see task(Object, Task))
            }
            return (R) o;
        }
        throwPendingCancel();
        return (R) t.result();
    }

    /** {@code w.cancel(msg)} for what this machine awaits; a sleep of its own ({@link #sleep}) is cancelled here. */
    private boolean cancelAwaited(Task<?> w, String msg) {
        if (w == MachineSleep.SLEEPING || w == MachineSleep.DUE) {
            MachineSleep.cancel(this, msg);
            return true;
        }
        return w.cancel(msg);
    }

    private void throwPendingCancel() {
        if ((flags & THROW_CANCEL) != 0) {
            flags &= ~THROW_CANCEL;
            throw cancelError();
        }
    }

    // ------------------------------------------------------------------ completing

    /**
     * Completes this task with {@code value} (or cancels it, if a self-cancel is pending).
     *
     * @param value the method's result
     */
    public final void returnValue(T value) {
        if ((flags & MUST_CANCEL) != 0) {
            flags &= ~MUST_CANCEL;
            setCancelled(cancelError());
        } else {
            setValue(value);
        }
    }

    /**
     * {@code return task;}: completes this task with {@code task}'s outcome, awaiting it if pending.
     *
     * @param task the task whose outcome becomes this one's
     */
    @SuppressWarnings("unchecked")
    public final void returnTask(Task<? extends T> task) {
        if (task == null) {
            throw new NullPointerException("an @Async method returned null; return Task.completed(null) for a null result");
        }
        if (task instanceof Completed<?> c && !(c.outcome instanceof Failure)) {
            returnValue((T) c.outcome);
            return;
        }
        state = ADOPT;
        awaiting = task;
        if (task.isDone()) {
            adoptAwaited();
        } else {
            suspendOn(task);
        }
    }

    @SuppressWarnings("unchecked")
    void adoptAwaited() {
        T value;
        try {
            value = (T) awaited();
        } catch (Throwable e) {
            fail(e);
            return;
        }
        returnValue(value);
    }

    /**
     * The user's source position of this machine's current state, for stack traces; generated
     * machines return {@code Foo.bar(Foo.java:42)}. Null for the runtime's own coroutines.
     *
     * @return the frame of the current state, or null
     */
    protected StackTraceElement frame() {
        return null;
    }

    /**
     * The frame of an exception thrown by this machine's own step: {@code trace[0..end)} are the Java
     * frames above the runtime's. A generated machine's resume method is among them, and its line in
     * the generated file maps back to the source line that threw (see {@link SourceLines}); otherwise
     * {@link #frame()}.
     */
    StackTraceElement frameThrowing(StackTraceElement[] trace, int end) {
        return SourceLines.refine(frame(), this, trace, end);
    }

    /** A failure escaping the machine: a CancelledError cancels the task, anything else fails it. */
    final void fail(Throwable e) {
        flags &= ~(MUST_CANCEL | THROW_CANCEL);
        if (!(e instanceof CancelledError)) {
            AsyncFrames.add(e, this);
        }
        if (e instanceof CancelledError ce) {
            setCancelled(ce);
        } else {
            setFailure(e);
        }
    }

    @Override
    void onDone() {
        awaiting = null;
        loop.live().remove(this);
        if (TaskEvents.finishedEnabled()) {
            TaskEvents.finished(this);
        }
    }

    // ------------------------------------------------------------------ cancellation

    @Override
    public boolean cancel(String msg) {
        loop.checkThread("Task.cancel()");
        if (outcome != PENDING) {
            markRetrieved(); // asyncio: cancel() on a done task clears the "never retrieved" flag
            return false;
        }
        if ((flags & CANCEL_PATH) != 0) {
            // A cycle of awaits led back to a task whose cancel is still running (it awaits, through a
            // gather, a task that awaits it). asyncio recurses until RecursionError; here the task
            // does not take the same cancel twice (docs/asyncio-differences.md).
            return false;
        }
        EventLoop l = loop;
        if (l.cancelDepth >= EventLoop.MAX_CANCEL_DEPTH) {
            // Deep nesting of gathers (or other fan-outs) would overflow the Java stack: finish this
            // branch after the outermost cancel's own work. A pending task always takes a cancel.
            l.deferCancel(this, msg);
            return true;
        }
        int base = l.cancelPathSize();
        if (l.cancelDepth == 0) {
            l.cancelOrigin = CancelOrigin.now(l, this); // references only: the text is built if read
        }
        l.cancelDepth++;
        try {
            cancelWalk(msg);
        } finally {
            l.unmarkCancelPath(base);
            if (--l.cancelDepth == 0) {
                l.runDeferredCancels();
                l.cancelOrigin = null;
            }
        }
        return true;
    }

    /**
     * The work of {@link #cancel}: walk down the await chain in a loop rather than by recursion (a
     * chain of a million tasks awaiting each other must not overflow the stack). A pending coroutine
     * always takes the cancel (forwarded or remembered), so each level does what its own cancel()
     * would. Every coroutine passed is marked as on the cancel path until the outermost cancel
     * returns, so a cycle of awaits ends the walk instead of looping or recursing forever.
     */
    final void cancelWalk(String msg) {
        EventLoop l = loop;
        Coroutine<?> c = this;
        l.markCancelPath(c);
        Extra x = c.extraObject();
        x.cancelRequests++;
        x.cancelOrigin = l.cancelOrigin;
        for (;;) {
            Task<?> w = c.awaiting;
            if (w instanceof Coroutine<?> next && next.outcome == PENDING && next.loop == l) {
                if ((next.flags & CANCEL_PATH) != 0) {
                    break; // a cycle of awaits: the cancel stays with c
                }
                l.markCancelPath(next);
                Extra nx = next.extraObject();
                nx.cancelRequests++;
                nx.cancelOrigin = l.cancelOrigin;
                c = next;
                continue;
            }
            if (w != null && c.cancelAwaited(w, msg)) {
                return;
            }
            break;
        }
        c.flags |= MUST_CANCEL;
        c.setCancelMessage(msg);
    }

    @Override
    public int cancelling() {
        return extra instanceof Extra e ? e.cancelRequests : 0;
    }

    @Override
    public int uncancel() {
        if (!(extra instanceof Extra e)) {
            return 0;
        }
        if (e.cancelRequests > 0) {
            e.cancelRequests--;
            if (e.cancelRequests == 0) {
                flags &= ~MUST_CANCEL;
                e.cancelOrigin = null; // nothing pending: a report must not name an undone cancel
            }
        }
        return e.cancelRequests;
    }

    /** The name given with {@link #setName}, or null for the default {@code Task-<id>}. */
    final String customName() {
        Object x = extra;
        return x instanceof String s ? s : x instanceof Extra e ? e.name : null;
    }

    /** Gives this task its own ContextVar context (a new task's copy of its creator's). */
    final void setContext(Context c) {
        extraObject().context = c;
    }

    final Context context() {
        return extra instanceof Extra e ? e.context : null;
    }

    final int id() {
        return id;
    }

    /** The CancelledError of the pending cancel: its message and who made it. */
    private CancelledError cancelError() {
        return CancelOrigin.error(extra instanceof Extra e ? e.cancelOrigin : null, cancelMessage());
    }

    /** Who made the last cancel request of this task, or null. */
    CancelOrigin cancelOrigin() {
        return extra instanceof Extra e ? e.cancelOrigin : null;
    }

    private String cancelMessage() {
        return extra instanceof Extra e ? e.cancelMsg : null;
    }

    private void setCancelMessage(String msg) {
        if (msg == null && !(extra instanceof Extra)) {
            return;
        }
        extraObject().cancelMsg = msg;
    }

    private Extra extraObject() {
        if (extra instanceof Extra e) {
            return e;
        }
        Extra e = new Extra();
        e.name = (String) extra;
        extra = e;
        return e;
    }

    // ------------------------------------------------------------------ naming

    @Override
    public String name() {
        Object x = extra;
        if (x instanceof String s) {
            return s;
        }
        if (x instanceof Extra e && e.name != null) {
            return e.name;
        }
        return "Task-" + id;
    }

    @Override
    public void setName(String name) {
        if (extra instanceof Extra e) {
            e.name = name;
        } else {
            extra = name;
        }
    }
}
