package org.asyncio4j.sync;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.asyncio4j.Task;
import org.asyncio4j.WaitQueue;

/**
 * asyncio's {@code Condition} ({@code wait/notify/notify_all} are {@link #await()}, {@link #signal}
 * and {@link #signalAll()}), with 3.13's fixes: {@code await()} always re-acquires the lock before
 * it returns or raises, even when cancelled, and a signalled waiter that is cancelled passes the
 * signal on instead of losing it.
 *
 * <p>A signalled waiter moves straight to the lock's queue; it resumes once the signalling task
 * releases the lock.
 */
public final class Condition {
    final Lock lock;
    final WaitQueue<CondWaiter> waiters = new WaitQueue<>();

    /** A condition with its own new {@link Lock}. */
    public Condition() {
        this(new Lock());
    }

    /**
     * A condition over {@code lock}, which several conditions may share.
     * @param lock the lock guarding the state the waiters wait on; not null
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * Acquires the condition's lock, as {@link Lock#acquire()} (asyncio's {@code async with condition}).
     * @return a task completing with the held lock; close it (try-with-resources) to release
     */
    public Task<Held> acquire() {
        return lock.acquire();
    }

    /** Releases the condition's lock, as {@link Lock#release()}. */
    public void release() {
        lock.release();
    }

    /**
     * Whether the condition's lock is held, as {@link Lock#isLocked()}.
     * @return true if some task holds the lock
     */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * The lock this condition uses.
     * @return the lock given to the constructor, or the one made for this condition
     */
    public Lock lock() {
        return lock;
    }

    /**
     * Releases the lock, waits for a signal, re-acquires the lock and completes (or, if cancelled,
     * raises {@code CancelledError} holding the lock again). Throws {@link IllegalStateException}
     * if the lock is not held.
     * @return a task completing, with the lock held again, after a {@link #signal} or {@link #signalAll} woke it
     */
    public Task<Void> await() {
        requireLocked("await()");
        return enqueue(null);
    }

    /**
     * Waits until {@code predicate} is true: returns at once (without needing the lock) if it already
     * is; otherwise the lock must be held, and the task resumes holding it once a signal finds the
     * predicate true. The predicate is re-checked when the lock is handed back to the waiter, on the
     * releasing task's stack, so it must only read state the lock guards.
     * @param predicate the state to wait for; called on the loop thread, possibly several times
     * @return a task completing, with the lock held, once the predicate is true
     */
    public Task<Void> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        if (predicate.getAsBoolean()) {
            return Task.completed();
        }
        requireLocked("waitFor() with a false predicate");
        return enqueue(predicate);
    }

    private Task<Void> enqueue(BooleanSupplier predicate) {
        lock.waiters.checkThread(this, predicate == null ? "await()" : "waitFor()");
        CondWaiter w = new CondWaiter(this, predicate, lock.waiters.loop(this));
        waiters.add(w);
        lock.release();
        return w;
    }

    /** Wakes one waiter; it resumes after this task releases the lock. The lock must be held. */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters, oldest first. The lock must be held.
     * @param n how many waiters to wake at most; zero or more
     */
    public void signal(int n) {
        lock.waiters.checkThread(this, "signal()");
        if (n < 0) {
            throw new IllegalArgumentException("signal(n): n must be >= 0, got " + n);
        }
        requireLocked("signal()");
        signalInternal(n);
    }

    /** Wakes every waiter. The lock must be held. */
    public void signalAll() {
        lock.waiters.checkThread(this, "signalAll()");
        requireLocked("signalAll()");
        signalInternal(Integer.MAX_VALUE);
    }

    void signalInternal(int n) {
        for (int i = 0; i < n; i++) {
            CondWaiter w = waiters.poll();
            if (w == null) {
                return;
            }
            w.relocking = true;
            lock.enqueueForRelock(w);
        }
    }

    private void requireLocked(String what) {
        if (!lock.isLocked()) {
            throw new IllegalStateException("Condition." + what + " needs the lock held: acquire it first"
                    + " (try (var held = Await.on(cond.acquire())) { ... })");
        }
    }

    /**
     * Tasks waiting for a signal (not counting signalled ones waiting for the lock).
     * @return the number of tasks waiting in {@link #await()} for a signal
     */
    public int waiting() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "Condition[" + lock + ", waiters=" + waiters.size() + "]";
    }
}
