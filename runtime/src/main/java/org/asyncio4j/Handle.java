package org.asyncio4j;

/** A callback scheduled with {@link EventLoop#callSoon}; asyncio's {@code Handle}. */
public class Handle {
    final Runnable callback;
    boolean cancelled;
    /** The ContextVar context current when scheduled (null when contextvars are unused). */
    Context context;

    Handle(Runnable callback) {
        this.callback = callback;
    }

    /** Prevents the callback from running; no effect if it already ran. Loop thread only. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Whether {@link #cancel()} was called.
     * @return true once cancelled (the callback then does not run)
     */
    public boolean isCancelled() {
        return cancelled;
    }

    void fire(EventLoop loop) {
        if (cancelled) {
            return;
        }
        Context c = context;
        if (c == null) {
            callback.run();
            return;
        }
        Context saved = loop.context;
        loop.context = c; // asyncio runs a callback in the context it was scheduled in
        try {
            callback.run();
        } finally {
            loop.context = saved;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callback + (cancelled ? " cancelled" : "") + "]";
    }
}
