package org.asyncio4j.sync;

import org.asyncio4j.Task;
import org.asyncio4j.WaitQueue;

/**
 * asyncio's {@code Lock}: not reentrant, no owner (any task may release it), strictly FIFO.
 *
 * <p>As in asyncio 3.13, {@link #release()} wakes the first waiter, and that waiter takes the lock
 * when its task runs (one iteration later). Meanwhile {@link #isLocked()} is false, yet a new
 * {@code acquire()} queues behind the woken waiter: no barging. A woken waiter cancelled before it
 * ran passes the wake-up on. An uncontended {@code acquire()} completes at once, without yielding.
 */
public final class Lock {
    final WaitQueue<LockWaiter<?>> waiters = new WaitQueue<>();
    private boolean locked;
    /** Waiters woken (the lock promised to them) whose task has not taken it yet: 0 or 1. */
    private int reserved;

    /** A lock that nobody holds. */
    public Lock() {}

    /**
     * Acquires the lock; the {@link Held} releases it. Completes at once when uncontended.
     * @return a task completing with the held lock; close it (try-with-resources) to release
     */
    public Task<Held> acquire() {
        waiters.checkThread(this, "acquire()");
        if (canTakeNow()) {
            locked = true;
            return new Acquire(this);
        }
        Acquire w = new Acquire(this, waiters.loop(this));
        waiters.add(w);
        return w;
    }

    /** asyncio's fast path: unlocked and nobody waiting or woken. */
    boolean canTakeNow() {
        return !locked && reserved == 0 && waiters.isEmpty();
    }

    /**
     * Releases the lock and wakes the first waiter. Throws {@link IllegalStateException} if the lock
     * is not held. Like asyncio (and unlike Trio) the lock has no owner: any task may release it.
     */
    public void release() {
        waiters.checkThread(this, "release()");
        if (!locked) {
            throw new IllegalStateException("Lock.release(): the lock is not acquired (released twice, or"
                    + " released without a successful acquire())");
        }
        locked = false;
        wakeUpFirst();
    }

    /**
     * True while a task holds the lock (false during the hand-over to a woken waiter, as asyncio).
     * @return true if a task holds the lock
     */
    public boolean isLocked() {
        return locked;
    }

    /** asyncio's {@code _wake_up_first}: only if no woken waiter is still on its way. */
    void wakeUpFirst() {
        while (reserved == 0 && !locked) {
            LockWaiter<?> w = waiters.poll();
            if (w == null) {
                return;
            }
            reserved++;
            if (w.lockOffered()) {
                return;
            }
            reserved--; // declined (waitFor with a false predicate): offer it to the next one
        }
    }

    /**
     * Queues a condition waiter for the lock (after a signal or a cancel), or reserves the lock for it
     * at once if nobody holds or waits for it.
     */
    void enqueueForRelock(LockWaiter<?> w) {
        if (canTakeNow()) {
            reserved++;
            if (w.lockOffered()) {
                return;
            }
            reserved--;
            return;
        }
        waiters.add(w);
    }

    /**
     * The code after {@code await fut} in asyncio's acquire, run by the waiting task: {@code granted}
     * is the waiter if the lock was handed to it (null if it was cancelled while queued);
     * {@code dropped}: its task was cancelled after the wake-up and will not take the lock.
     */
    void afterWait(LockWaiter<?> granted, boolean dropped) {
        if (granted != null) {
            reserved--;
            if (!dropped) {
                locked = true;
                return;
            }
        }
        if (!locked) {
            wakeUpFirst(); // pass the wake-up on
        }
    }

    /** Condition waiters take the lock even when cancelled. */
    void takeReserved() {
        reserved--;
        locked = true;
    }

    int reservedForTest() {
        return reserved;
    }

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + ", waiters=" + waiters.size()
                + (reserved > 0 ? ", woken=" + reserved : "") + "]";
    }
}
