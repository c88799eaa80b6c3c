package org.asyncio4j;

import java.time.Duration;

/**
 * {@code asyncio.timeout} / {@code timeout_at}: a deadline for a block of an {@code @Async} method.
 * <pre>{@code
 * try (Timeout t = Asyncio.timeout(Duration.ofSeconds(1))) {
 *     Await.on(slowThing());
 * }   // AsyncTimeoutException if the deadline cut the block short
 * }</pre>
 *
 * <h2>Entering</h2>
 * Java's try-with-resources has no {@code __aenter__}, so {@link Asyncio#timeout} and
 * {@link Asyncio#timeoutAt} <em>create and enter</em> the timeout in one call: it binds to
 * {@link Task#current()}, records that task's {@link Task#cancelling()} as its baseline and arms
 * its timer. Called outside a task it throws {@link IllegalStateException}. {@link #after} and
 * {@link #at} make a timeout that is not entered yet; {@link #enter()} enters it explicitly
 * (asyncio's {@code cm = timeout(d); ...; async with cm}).
 *
 * <h2>Expiry</h2>
 * At the deadline the timeout cancels its task (the CancelledError arrives at the task's current
 * await). When the block exits, {@link #closeAsync} turns that CancelledError into
 * {@link AsyncTimeoutException} only if this timeout fired and the task has no other cancel
 * request pending (asyncio's uncancel rule): an outside cancel is never turned into a timeout.
 *
 * <p>All methods must be called on the loop thread.
 */
public final class Timeout implements AsyncCloseable {
    /** {@link #when()} of a timeout with no deadline; {@code reschedule(NEVER)} disarms it. */
    public static final long NEVER = Long.MAX_VALUE;

    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private State state = State.CREATED;
    private long when;
    /** The delay asked for ({@link #after}), or -1 for an absolute deadline ({@link #at}): for messages. */
    private long delayNanos = -1;
    /** Loop time at which it was entered, for messages (-1 before). */
    private long enteredAt = -1;
    private Handle handle;
    private Coroutine<?> task;
    private int baseline;
    /** Debug mode: the source line that entered this timeout, for messages; else null. */
    private String site;
    /** Loop time at which the deadline fired (-1 before). */
    private long firedAt = -1;

    private Timeout(long when) {
        this.when = when;
    }

    /**
     * A timeout {@code delay} from now (null: no deadline), not entered yet.
     * @param delay how long from now (the loop time of this call, not of {@link #enter()}), or null for no deadline
     * @return a timeout not entered yet
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static Timeout after(Duration delay) {
        if (delay == null) {
            return new Timeout(NEVER);
        }
        EventLoop loop = EventLoop.current();
        Timeout t = new Timeout(Durations.deadline(loop.time(), Durations.toNanos(delay)));
        t.delayNanos = Durations.toNanos(delay);
        return t;
    }

    /**
     * A timeout at loop time {@code when} (nanoseconds; {@link #NEVER}: no deadline), not entered yet.
     * @param when the deadline in loop time, in nanoseconds as {@link EventLoop#time()}, or {@link #NEVER}
     * @return a timeout not entered yet
     */
    public static Timeout at(long when) {
        return new Timeout(when);
    }

    /**
     * Enters the timeout: binds it to the running task and arms the deadline. Returns this.
     * {@link IllegalStateException} if already entered or if no task is running.
     * @return this timeout, now active
     */
    public Timeout enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        EventLoop loop = EventLoop.current();
        Coroutine<?> t = loop.currentTask();
        if (t == null) {
            throw new IllegalStateException("Timeout should be used inside a task: create it with Asyncio.timeout(...)"
                    + " in an @Async method (or a task body), not in a plain callback");
        }
        state = State.ENTERED;
        task = t;
        baseline = t.cancelling();
        enteredAt = t.loop.time();
        if (loop.debug != null) {
            site = loop.debug.callSite(t);
        }
        reschedule(when);
        return this;
    }

    /**
     * The deadline in loop time (nanoseconds), or {@link #NEVER}.
     * @return the deadline in loop nanoseconds, or {@link #NEVER} for none
     */
    public long when() {
        return when;
    }

    /**
     * Moves the deadline to loop time {@code when} ({@link #NEVER}: no deadline). A deadline at or
     * before now fires on the next iteration. Only while the timeout is active.
     * @param when the new deadline in loop time, in nanoseconds as {@link EventLoop#time()}, or {@link #NEVER}
     * @throws IllegalStateException if the timeout is not active (not entered, or already exited)
     */
    public void reschedule(long when) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + state.text + " Timeout");
        }
        this.when = when;
        if (handle != null) {
            handle.cancel();
        }
        if (when == NEVER) {
            handle = null;
            return;
        }
        EventLoop loop = task.loop;
        handle = when <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(when, this::onTimeout);
    }

    /**
     * True once the deadline fired while the block ran (even if the block swallowed the cancel).
     * @return true if the deadline fired while the timeout was active
     */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void onTimeout() {
        assert state == State.ENTERED;
        EventLoop loop = task.loop;
        firedAt = loop.time();
        Object prev = loop.cancelReason;
        loop.cancelReason = this; // the CancelledError says which timeout cut the block short
        try {
            task.cancel();
        } finally {
            loop.cancelReason = prev;
        }
        state = State.EXPIRING;
        handle = null;
    }

    /**
     * Which timeout expired and when: "the timeout of 300 ms entered at 1.2 s of loop time in task
     * Task-3 expired at 1.5 s", so that a log line says which of several deadlines fired.
     */
    String describe() {
        return describe(task != null ? task.loop.time() : when);
    }

    /** As {@link #describe()}, at the time the deadline fired: why it cancelled its task. */
    String cancelReason() {
        return describe(firedAt >= 0 ? firedAt : task != null ? task.loop.time() : when);
    }

    private String describe(long at) {
        String what = delayNanos >= 0 ? "the timeout of " + Durations.text(delayNanos)
                : "the deadline at " + Durations.seconds(when) + " of loop time";
        String where = (site != null ? " set at " + site : "")
                + (enteredAt >= 0 ? " entered at " + Durations.seconds(enteredAt) + " of loop time" : "");
        String who = task != null ? " in task " + task.name() : "";
        return what + where + who + " expired at " + Durations.seconds(at);
    }

    /**
     * Exits the block ({@code __aexit__}). Returns a failed task with {@link AsyncTimeoutException}
     * (cause: the CancelledError) when this timeout cut the block short; otherwise a completed
     * task, so that {@code pending} propagates unchanged.
     * @param pending the exception leaving the block, or null
     * @return a completed task, or one failed with {@link AsyncTimeoutException} if the deadline fired
     */
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        if (state == State.CREATED) {
            throw new IllegalStateException("Timeout has not been entered: create it with Asyncio.timeout(...) inside"
                    + " the task that runs the block, or call enter() before the block");
        }
        if (state != State.ENTERED && state != State.EXPIRING) {
            throw new IllegalStateException("Timeout was already exited (state " + state.text + ")");
        }
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= baseline && pending != null) {
                if (pending instanceof CancelledError) {
                    return Task.failed(new AsyncTimeoutException(describe(), pending));
                }
                // asyncio chains a TimeoutError into the exception's context; Java has no context,
                // so the fact that the deadline fired is kept as a suppressed exception.
                pending.addSuppressed(new AsyncTimeoutException(describe() + " while this exception was raised"));
            }
        } else {
            state = State.EXITED;
        }
        return Task.completed();
    }

    @Override
    public String toString() {
        if (state == State.ENTERED) {
            return "<Timeout [active] when=" + (when == NEVER ? "never" : when + "ns") + ">";
        }
        return "<Timeout [" + state.text + "]>";
    }
}
