package org.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * asyncio's "Task exception was never retrieved": a failed task whose failure nobody awaited or
 * inspected is reported to the loop's exception handler when it is garbage-collected, or when the
 * loop closes, whichever comes first.
 */
final class UnretrievedReports {
    static final String MESSAGE = "Task exception was never retrieved";
    private static final Cleaner CLEANER = Cleaner.create();

    private final EventLoop loop;
    private final LinkedHashSet<Unretrieved> open = new LinkedHashSet<>();

    UnretrievedReports(EventLoop loop) {
        this.loop = loop;
    }

    Unretrieved track(FutureBase<?> future, Throwable error) {
        String name = future.name();
        Debug d = loop.debug;
        String site = d == null ? null : d.createdAt(future);
        if (site != null) {
            name += ", created at " + site; // debug mode: the report reads "(task Task-17, created at ...)"
        }
        CancelOrigin cancelled = future instanceof Coroutine<?> c ? c.cancelOrigin() : null;
        if (cancelled != null) {
            name += ", after " + cancelled.describe(); // it failed while handling a cancel: say whose
        }
        Unretrieved u = new Unretrieved(this, error, name);
        synchronized (open) {
            open.add(u);
        }
        u.cleanable = CLEANER.register(future, u);
        return u;
    }

    void forget(Unretrieved u) {
        synchronized (open) {
            open.remove(u);
        }
    }

    void report(Unretrieved u) {
        loop.report(MESSAGE, u.error, u.taskName);
    }

    /** At loop close: report everything still unretrieved, oldest first. */
    void reportAll() {
        List<Unretrieved> left;
        synchronized (open) {
            left = new ArrayList<>(open);
            open.clear();
        }
        for (Unretrieved u : left) {
            if (u.settleForClose()) {
                report(u);
            }
        }
    }
}
