package org.asyncio4j;

/** A callback scheduled at a loop time ({@code callLater}/{@code callAt}); asyncio's {@code TimerHandle}. */
public final class TimerHandle extends Handle {
    private final long when;
    private final EventLoop loop;

    TimerHandle(EventLoop loop, long when, Runnable callback) {
        super(callback);
        this.loop = loop;
        this.when = when;
    }

    /** The loop time (nanoseconds) at which the callback is due. */
    public long when() {
        return when;
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            loop.timerCancelled();
        }
    }
}
