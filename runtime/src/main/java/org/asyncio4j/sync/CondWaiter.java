package org.asyncio4j.sync;

import java.util.function.BooleanSupplier;
import org.asyncio4j.EventLoop;

/**
 * One {@code Condition.await()} or {@code waitFor(predicate)}: first in the condition's queue, then
 * (after a signal, or a cancel) in the lock's queue, since asyncio's {@code wait()} always
 * re-acquires the lock before it returns or raises. It completes only once the lock is handed to
 * it, so the awaiting task resumes holding the lock, with {@code CancelledError} if it was cancelled.
 */
final class CondWaiter extends LockWaiter<Void> {
    private final Condition cond;
    /** null for a plain await(). */
    private final BooleanSupplier predicate;
    private boolean cancelRequested;
    private String cancelMsg;

    CondWaiter(Condition cond, BooleanSupplier predicate, EventLoop loop) {
        super(cond.lock, loop);
        this.cond = cond;
        this.predicate = predicate;
    }

    /** True once it left the condition's queue for the lock's (signalled or cancelled). */
    boolean relocking;

    @Override
    protected boolean onCancel(String msg) {
        cancelRequested = true;
        cancelMsg = msg;
        if (!relocking) {
            // Not signalled yet: leave the condition and go re-acquire the lock, cancelled.
            unlink();
            relocking = true;
            lock.enqueueForRelock(this);
        }
        return true; // completes (cancelled) once the lock is ours
    }

    @Override
    boolean lockOffered() {
        if (cancelRequested) {
            return cancelNow(cancelMsg);
        }
        if (predicate != null) {
            boolean ok;
            try {
                ok = predicate.getAsBoolean();
            } catch (Throwable e) {
                return failWith(e); // raised from waitFor, holding the lock (as asyncio)
            }
            if (!ok) {
                // wait() again: back to the end of the condition's queue; the lock stays free.
                relocking = false;
                cond.waiters.add(this);
                return false;
            }
        }
        return succeed(null);
    }

    @Override
    protected void onTaken(boolean dropped) {
        lock.takeReserved(); // the lock is ours even when cancelled
        if (dropped || isCancelled()) {
            // asyncio 3.13: an error out of wait() may have eaten a signal; pass one on.
            cond.signalInternal(1);
        }
    }

    @Override
    public String name() {
        return predicate == null ? "Condition.await" : "Condition.waitFor";
    }
}
