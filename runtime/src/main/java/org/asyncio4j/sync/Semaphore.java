package org.asyncio4j.sync;

import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.WaitQueue;
import org.asyncio4j.Waiter;

/**
 * asyncio 3.13's {@code Semaphore}: a counter of permits with a strictly FIFO queue of waiters.
 *
 * <p>{@link #release()} hands the permit to the first waiter at once (the value does not rise while
 * someone waits), and a newcomer never overtakes a waiter: {@link #isLocked()} stays true while
 * anyone waits or is being woken, and {@code acquire()} then queues. A woken waiter cancelled before
 * its task ran gives its permit back and wakes the next one. A plain semaphore may be released more
 * often than acquired (its value grows); {@link BoundedSemaphore} refuses that.
 */
public class Semaphore {
    private final WaitQueue<SemWaiter> waiters = new WaitQueue<>();
    private int value;
    /** Waiters woken with a permit whose task has not taken it yet. */
    private int reserved;

    /**
     * A semaphore with {@code permits} free permits.
     * @param permits the initial number of permits; zero or more
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public Semaphore(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("Semaphore permits must be >= 0, got " + permits);
        }
        this.value = permits;
    }

    /**
     * Takes a permit; the {@link Held} gives it back. Completes at once when a permit is free and nobody waits.
     * @return a task completing with the permit; close it (try-with-resources) to give it back
     */
    public Task<Held> acquire() {
        waiters.checkThread(this, "acquire()");
        if (!isLocked()) {
            value--;
            return new SemWaiter(this);
        }
        SemWaiter w = new SemWaiter(this, waiters.loop(this));
        waiters.add(w);
        return w;
    }

    /** For subclasses: see WaitQueue#checkThread. */
    void checkThread(String method) {
        waiters.checkThread(this, method);
    }

    /**
     * Gives a permit back, waking the oldest waiter. Not checked against the initial count (that is
     * {@link BoundedSemaphore}).
     */
    public void release() {
        waiters.checkThread(this, "release()");
        value++;
        wakeUpNext();
    }

    /**
     * True when {@code acquire()} would wait: no free permit, or other tasks waiting or being woken.
     * @return true if a new {@link #acquire()} would wait
     */
    public boolean isLocked() {
        return value == 0 || !waiters.isEmpty() || reserved > 0;
    }

    /**
     * Free permits (asyncio's {@code _value}): permits handed to woken waiters are not counted.
     * @return the number of free permits
     */
    public int value() {
        return value;
    }

    /**
     * Tasks waiting for a permit (not counting woken ones).
     * @return the number of tasks waiting for a permit
     */
    public int waiting() {
        return waiters.size();
    }

    int reservedForTest() {
        return reserved;
    }

    private boolean wakeUpNext() {
        SemWaiter w = waiters.poll();
        if (w == null) {
            return false;
        }
        value--;
        reserved++;
        w.granted = true;
        w.wake();
        return true;
    }

    /** The code after {@code await fut} in asyncio's acquire, run by the waiting task. */
    void afterWait(SemWaiter w, boolean dropped) {
        if (w.granted) {
            reserved--;
            if (dropped) {
                value++; // woken, but its task raises CancelledError instead: undo
            }
        }
        // New waiters may have queued behind this one: wake as many as the value allows.
        while (value > 0 && wakeUpNext()) {
            // keep going
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[value=" + value + ", waiters=" + waiters.size()
                + (reserved > 0 ? ", woken=" + reserved : "") + "]";
    }

    static final class SemWaiter extends Waiter<Held> implements Held {
        private final Semaphore sem;
        boolean granted;
        private boolean released;

        SemWaiter(Semaphore sem, EventLoop loop) {
            super(loop);
            this.sem = sem;
        }

        /** Uncontended: already acquired. */
        SemWaiter(Semaphore sem) {
            super(null);
            this.sem = sem;
            succeedAtOnce(this);
        }

        void wake() {
            succeed(this);
        }

        @Override
        protected void onTaken(boolean dropped) {
            sem.afterWait(this, dropped);
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                sem.release();
            }
        }

        @Override
        public String name() {
            return "Semaphore.acquire";
        }
    }
}
