package org.asyncio4j.sync;

import org.asyncio4j.EventLoop;
import org.asyncio4j.Waiter;

/**
 * A waiter in a {@link Lock}'s queue: a plain {@code acquire()} ({@link Acquire}) or a
 * {@link Condition} waiter re-acquiring the lock ({@link CondWaiter}).
 */
abstract class LockWaiter<T> extends Waiter<T> {
    final Lock lock;

    LockWaiter(Lock lock, EventLoop loop) {
        super(loop);
        this.lock = lock;
    }

    /**
     * The lock is free and reserved for this waiter: complete and return true, or return false to
     * decline (a {@code waitFor} whose predicate is still false goes back to its condition).
     */
    abstract boolean lockOffered();
}
