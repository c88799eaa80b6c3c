package org.asyncio4j;

import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The base class of the machines the processor generates for async generators ({@code @Async}
 * methods returning {@code AsyncIterable<T>}). One machine is one run of the body, and the
 * iterator of that run. <b>Not for users</b>: generated code only; it shares the loop's package-private
 * task state, so it lives here rather than in {@link org.asyncio4j.spi}, and may change in any release.
 *
 * <h2>How a run is driven</h2>
 * {@link #hasNext()} resumes the body on the caller's stack (the consumer's task) until it yields
 * ({@link #emit}: completes with true), ends ({@link #end}: false) or throws (the task fails). No
 * task is allocated for that: the result is a shared completed task. Only when the body awaits a
 * task that is not done does the step get a task of its own (a {@link Step}, a coroutine of this
 * loop), which the consumer awaits and which resumes the body when the awaited task completes;
 * cancelling the consumer cancels that step and, through it, what the body awaits, so the
 * {@code CancelledError} is raised inside the generator at its await, as in asyncio.
 * {@link #closeAsync} resumes the body at its yield with {@link GeneratorExit}.
 *
 * @param <T> the element type the generator yields
 */
public abstract class GeneratorMachine<T> implements AsyncIterator<T> {
    private static final Task<Boolean> TRUE = Task.completed(Boolean.TRUE);
    private static final Task<Boolean> FALSE = Task.completed(Boolean.FALSE);

    // phase: where the run is between steps
    private static final byte IDLE = 0;     // not started, or suspended at a yield
    private static final byte RUNNING = 1;  // the body is on the stack
    private static final byte PENDING = 2;  // the body awaits: a Step task is pending
    private static final byte DONE = 3;     // ended, failed or closed

    // signal: how the body left resume() this time
    private static final byte NONE = 0;
    private static final byte YIELDED = 1;
    private static final byte ENDED = 2;
    private static final byte SUSPENDED = 3;

    /** Where {@link #resume()} continues: 0 = from the start. Generated code only. */
    public int state;
    private EventLoop loop;
    private byte phase;
    private byte signal;
    private boolean closing;
    private boolean hasElement;
    private T element;
    /** The task of the current step once the body has really suspended in it, else null. */
    private Step step;

    /** For generated machines. */
    protected GeneratorMachine() {}

    /**
     * Continues the body from {@link #state}: the generated resume method.
     *
     * @throws Throwable anything the body throws: it fails the iteration
     */
    protected abstract void resume() throws Throwable;

    /**
     * The user's source position of the current state, for stack traces.
     *
     * @return the frame of the current state, or null
     */
    protected StackTraceElement frame() {
        return null;
    }

    /** As {@link Coroutine#frameThrowing}: the line that threw, when the body's own step threw. */
    StackTraceElement frameThrowing(StackTraceElement[] trace, int end) {
        return SourceLines.refine(frame(), this, trace, end);
    }

    /**
     * What a generator method returns: an iterable whose every {@code iterator()} is a fresh run. Generated code only.
     *
     * @param <T> the element type
     * @param runs makes a new machine, one run of the generator's body
     * @return the generator method's result
     */
    public static <T> AsyncIterable<T> iterable(Supplier<? extends GeneratorMachine<T>> runs) {
        return new Runs<>(runs);
    }

    // ------------------------------------------------------------------ the consumer's side

    @Override
    public final Task<Boolean> hasNext() {
        bindLoop();
        if (phase == DONE) {
            return FALSE;
        }
        if (phase != IDLE) {
            throw new IllegalStateException("hasNext() called on an async generator whose previous hasNext() has"
                    + " not completed (asyncio: 'anext(): asynchronous generator is already running'); await each"
                    + " hasNext() before the next");
        }
        hasElement = false;
        element = null;
        return typed(run());
    }

    @Override
    public final T next() {
        if (!hasElement) {
            throw new NoSuchElementException(phase == DONE ? "the async generator has ended"
                    : "next() without a hasNext() that completed with true");
        }
        hasElement = false;
        T e = element;
        element = null;
        return e;
    }

    /**
     * Closes the run: a run suspended at a yield is resumed there with {@link GeneratorExit} so that
     * its finally blocks run (they may await); a run never started or already ended has nothing to do.
     */
    @Override
    public final Task<Void> closeAsync(Throwable pending) {
        if (phase == DONE || (phase == IDLE && state == 0)) {
            phase = DONE;
            return Task.completed();
        }
        bindLoop();
        if (phase != IDLE) {
            return Task.failed(new IllegalStateException("closeAsync() called on an async generator while its"
                    + " hasNext() is pending (asyncio: 'aclose(): asynchronous generator is already running')"));
        }
        closing = true;
        hasElement = false;
        element = null;
        return typed(run());
    }

    @SuppressWarnings("unchecked")
    private static <R> Task<R> typed(Task<?> t) {
        return (Task<R>) t;
    }

    private void bindLoop() {
        if (loop == null) {
            loop = EventLoop.currentOrNull();
            if (loop == null) {
                throw new IllegalStateException("an async generator was stepped with no running event loop on thread '"
                        + Thread.currentThread().getName() + "': iterate it in an @Async method run by Asyncio.run");
            }
        }
        loop.checkThread("an async generator's hasNext()/closeAsync()"); // it belongs to the loop that first stepped it
    }

    /** Runs the body on this stack until it yields, ends, throws or really suspends (then: the step's task). */
    private Task<?> run() {
        phase = RUNNING;
        signal = NONE;
        try {
            resume();
        } catch (Throwable e) {
            phase = DONE;
            if (closing && e instanceof GeneratorExit) {
                return Task.completed();
            }
            if (!(e instanceof CancelledError)) {
                StackTraceElement[] trace = e.getStackTrace();
                AsyncFrames.add(e, AsyncFrames.firstLeave(e)
                        ? frameThrowing(trace, AsyncFrames.firstRuntimeFrame(trace)) : frame(),
                        AsyncFrames.FULL_TRACES || loop.debug != null);
            }
            return Task.failed(e);
        }
        return settle(signal);
    }

    /** The step's outcome for a body that left resume() normally with {@code how}, or the pending step. */
    private Task<?> settle(byte how) {
        switch (how) {
            case YIELDED:
                if (closing) {
                    phase = DONE;
                    return Task.failed(yieldedWhileClosing());
                }
                phase = IDLE;
                return TRUE;
            case ENDED:
                phase = DONE;
                return closing ? Task.completed() : FALSE;
            case SUSPENDED:
                phase = PENDING;
                return step;
            default:
                phase = DONE;
                return Task.failed(new IllegalStateException("internal: the generator's body returned without"
                        + " yielding, ending or awaiting (state " + state + ")"));
        }
    }

    private static IllegalStateException yieldedWhileClosing() {
        return new IllegalStateException("the async generator yielded while being closed: it caught GeneratorExit"
                + " and called Await.yield again (asyncio: 'async generator ignored GeneratorExit'); let GeneratorExit"
                + " propagate, or only clean up in the finally block");
    }

    // ------------------------------------------------------------------ the generated body's side

    /**
     * {@code Await.yield(value)}: records the element and the state to continue from. Generated code only.
     *
     * @param value the yielded element
     * @param resumeAt the state the body continues from after the consumer's next {@code hasNext()}
     */
    public final void emit(T value, int resumeAt) {
        state = resumeAt;
        element = value;
        hasElement = !closing;
        signal = YIELDED;
    }

    /** The first statement after a yield: throws {@link GeneratorExit} when the run is being closed. Generated code only. */
    public final void resumed() {
        if (closing) {
            throw new GeneratorExit();
        }
    }

    /** {@code return AsyncIterable.end();}. Generated code only. */
    public final void end() {
        signal = ENDED;
        state = -1;
    }

    /**
     * As {@link Coroutine#task(Task)}. Generated code only.
     *
     * @param task the value of the awaited expression
     * @return {@code task}
     */
    public final Task<?> task(Task<?> task) {
        if (task == null) {
            throw new NullPointerException("Await.on(null): the task to await is null; the expression given to"
                    + " Await.on (a variable, or a method that should return a Task) produced null");
        }
        return task;
    }

    /**
     * As {@link Coroutine#task(Object, Task)}: the processor emits this form for {@code Await.on(q.get())}
     * and the like in a generator's body too. A generator does not let the primitive reuse the task
     * (its awaits do not go through the coroutine's take hook), so this is {@link #task(Task)}.
     * Generated code only.
     *
     * @param receiver the variable the awaited call was made on
     * @param task the value of the awaited expression
     * @return {@code task}
     */
    public final Task<?> task(Object receiver, Task<?> task) {
        return task(task);
    }

    /**
     * As {@link Coroutine#task(Object, java.util.concurrent.CompletionStage)}. Generated code only.
     *
     * @param receiver the variable the awaited call was made on
     * @param stage the value of the awaited expression
     * @return a task completed with the stage's outcome
     */
    public final Task<?> task(Object receiver, java.util.concurrent.CompletionStage<?> stage) {
        return task(stage);
    }

    /**
     * As {@link Coroutine#sleep(java.time.Duration)}, for {@code Await.on(Asyncio.sleep(d))} in a
     * generator's body: here simply {@code Asyncio.sleep(delay)} (the generator's step task, not the
     * generator, is what waits). Generated code only.
     *
     * @param delay how long; zero or negative: one iteration
     * @return the sleep, to pass to {@link #suspends}
     */
    public final Task<?> sleep(java.time.Duration delay) {
        return Asyncio.sleep(delay);
    }

    /**
     * As {@link Coroutine#task(java.util.concurrent.CompletionStage)}. Generated code only.
     *
     * @param stage the value of the awaited expression
     * @return a task completed with the stage's outcome
     */
    public final Task<?> task(java.util.concurrent.CompletionStage<?> stage) {
        if (stage == null) {
            throw new NullPointerException("Await.on(null): the awaited CompletionStage is null");
        }
        return Promise.from(loop, stage);
    }

    /**
     * As {@link Coroutine#suspends}: false when {@code task} is done (go straight on); otherwise the
     * step's task (made now if this step had none) waits for it and the body returns. Generated code only.
     *
     * @param task the task to await
     * @param resumeAt the state the body continues from
     * @return true if the body suspended and must return from {@code resume()}
     */
    public final boolean suspends(Task<?> task, int resumeAt) {
        state = resumeAt;
        if (task.isDone()) {
            return false;
        }
        if (step == null) {
            step = new Step(this);
        }
        signal = SUSPENDED;
        step.suspends(task, 1);
        return true;
    }

    /**
     * As {@link Coroutine#awaited(Task)}. Generated code only.
     *
     * @param <R> the result type the caller reads
     * @param task the awaited task, or null after a suspension
     * @return the awaited result; its failure is thrown unchanged
     */
    @SuppressWarnings("unchecked")
    public final <R> R awaited(Task<?> task) {
        if (step != null) {
            return step.awaited(task);
        }
        // No step: the task was done when awaited, on the consumer's stack; nothing can be pending.
        if (task instanceof FutureBase<?> f) {
            if ((f.flags & FutureBase.TAKE_HOOK) != 0) {
                f.taken(false);
            }
            Object o = f.outcome;
            if (o instanceof FutureBase.Failure fl) {
                f.markRetrieved(fl);
                throw Sneaky.<RuntimeException>sneak(fl.error);
            }
            return (R) o;
        }
        return (R) task.result();
    }

    /** The body resumed by its step's task after an await completed. */
    private void resumeStep(Step s) throws Throwable {
        phase = RUNNING;
        signal = NONE;
        try {
            resume();
        } catch (Throwable e) {
            phase = DONE;
            step = null;
            if (closing && e instanceof GeneratorExit) {
                s.complete(null);
                return;
            }
            throw e; // fails (or cancels) the step, with the generator's frame
        }
        if (signal == SUSPENDED) {
            phase = PENDING;
            return;
        }
        step = null;
        Task<?> t = settle(signal);
        if (t.exception() != null) {
            throw t.exception();
        }
        s.complete(t.result());
    }

    @Override
    public String toString() {
        StackTraceElement f = frame();
        return "async generator " + (f == null ? getClass().getSimpleName() : f.getMethodName() + " at " + f);
    }

    /**
     * The task of a step that awaited: the consumer awaits it; the loop resumes it (and with it the
     * body) when the awaited task completes. A coroutine, so that cancellation reaches what the body
     * awaits and the step's failure carries the generator's frames.
     */
    private static final class Step extends Coroutine<Object> {
        private final GeneratorMachine<?> gen;

        Step(GeneratorMachine<?> gen) {
            super(gen.loop);
            this.gen = gen;
        }

        @Override
        protected void resume() throws Throwable {
            gen.resumeStep(this);
        }

        /** Completes this step (its body left resume() for good). */
        void complete(Object value) {
            returnValue(value);
        }

        @Override
        protected StackTraceElement frame() {
            return gen.frame();
        }

        @Override
        StackTraceElement frameThrowing(StackTraceElement[] trace, int end) {
            return gen.frameThrowing(trace, end);
        }

        @Override
        public String toString() {
            return "step of " + gen + ": " + super.toString();
        }
    }

    private record Runs<T>(Supplier<? extends GeneratorMachine<T>> runs) implements AsyncIterable<T> {
        @Override
        public AsyncIterator<T> iterator() {
            return runs.get();
        }
    }
}
