package org.asyncio4j;

/** A callback scheduled with {@link EventLoop#callSoon}; asyncio's {@code Handle}. */
public class Handle {
    final Runnable callback;
    boolean cancelled;

    Handle(Runnable callback) {
        this.callback = callback;
    }

    /** Prevents the callback from running; no effect if it already ran. Loop thread only. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void fire() {
        if (!cancelled) {
            callback.run();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callback + (cancelled ? " cancelled" : "") + "]";
    }
}
