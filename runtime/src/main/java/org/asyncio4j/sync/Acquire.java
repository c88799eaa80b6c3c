package org.asyncio4j.sync;

import org.asyncio4j.EventLoop;

/** {@code lock.acquire()}: the task that awaits it, and the {@link Held} that releases it once. */
final class Acquire extends LockWaiter<Held> implements Held {
    private boolean released;

    Acquire(Lock lock, EventLoop loop) {
        super(lock, loop);
    }

    /** Uncontended: already acquired. */
    Acquire(Lock lock) {
        super(lock, null);
        succeedAtOnce(this);
    }

    @Override
    boolean lockOffered() {
        return succeed(this);
    }

    @Override
    protected void onTaken(boolean dropped) {
        lock.afterWait(isCancelled() ? null : this, dropped);
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            lock.release();
        }
    }

    @Override
    public String name() {
        return "Lock.acquire";
    }
}
